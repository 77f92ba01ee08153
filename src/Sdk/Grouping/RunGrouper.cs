using System.Runtime.CompilerServices;
using Wandb.Polyfills;
using Wandb.Storage;

namespace Wandb.Grouping;

/// <summary>Groups runs by one or more keys (see <see cref="GroupingKey"/>).</summary>
internal static class RunGrouper
{
    /// <summary>The default grouping: by <c>group</c> when any run has one, else one row per run.</summary>
    public static IReadOnlyList<GroupingKey> DefaultKeys(IEnumerable<StoredRun> runs) =>
        runs.Any(r => r.Group is not null) ? new[] { GroupingKey.Parse(GroupingKey.Group) } : Array.Empty<GroupingKey>();

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static RunGrouping Group(IReadOnlyList<StoredRun> runs, IReadOnlyList<GroupingKey> keys)
    {
        if (keys.Count == 0)
        {
            var single = runs
                .Select(r => new RunGroup(Array.Empty<GroupValue>(), new[] { r }, r.Name))
                .ToList();
            return new RunGrouping(keys, single);
        }

        if (keys.Count == 1)
        {
            return GroupByOne(runs, keys);
        }

        var buckets = keys.Count == 2 && keys[0].TextOf is { } first && keys[1].TextOf is { } second
            ? ByTwoTexts(runs, first, second)
            : Buckets(runs, run => PathOf(run, keys));
        var groups = buckets
            .OrderBy(b => b.Key)
            .Select(b => RunGroupCache.Of(keys, b.Key.Values, b.Value, string.Join(" / ", b.Key.Values.Select(v => v.Label))))
            .ToList();
        return new RunGrouping(keys, groups);
    }

    /// <summary>
    /// The grouping by one key (by <c>group</c>, the default, and every report past its budget), keyed by the value itself:
    /// a path, an array and a closure per run made most of the 1.2 MB that grouping the 4,800 runs a report shows allocated.
    /// </summary>
    private static RunGrouping GroupByOne(IReadOnlyList<StoredRun> runs, IReadOnlyList<GroupingKey> keys)
    {
        var buckets = keys[0].TextOf is { } text ? ByText(runs, text) : Buckets(runs, keys[0].ValueOf);
        var groups = buckets
            .OrderBy(b => b.Key)
            .Select(b => RunGroupCache.Of(keys, new[] { b.Key }, b.Value, b.Key.Label))
            .ToList();
        return new RunGrouping(keys, groups);
    }

    /// <summary>
    /// The runs by a text key, each text's value made once for its bucket rather than once per run. The runs of one group
    /// mostly come one after another (a build's or test run's runs, in time order), so a run whose text equals the run
    /// before's joins that run's bucket without hashing the text and looking it up: nearly all of the 4,800 runs a large
    /// store's report shows.
    /// </summary>
    private static Dictionary<GroupValue, List<StoredRun>> ByText(IReadOnlyList<StoredRun> runs, Func<StoredRun, string?> textOf)
    {
        var missing = new List<StoredRun>();
        var byText = new Dictionary<string, List<StoredRun>>(StringComparer.Ordinal);
        string? lastText = null;
        List<StoredRun>? lastMembers = null;
        foreach (var run in runs)
        {
            var text = textOf(run);
            if (text is null)
            {
                missing.Add(run);
                continue;
            }

            if (!string.Equals(text, lastText, StringComparison.Ordinal))
            {
                if (!byText.TryGetValue(text, out lastMembers))
                {
                    lastMembers = new List<StoredRun>();
                    byText[text] = lastMembers;
                }

                lastText = text;
            }

            lastMembers!.Add(run);
        }

        var buckets = byText.ToDictionary(p => GroupValue.OfText(p.Key), p => p.Value);
        if (missing.Count > 0)
        {
            buckets[GroupValue.Missing] = missing;
        }

        return buckets;
    }

    /// <summary>
    /// The runs by two text keys (the table by group / job_type every report with mixed job types has), bucketed by the
    /// two texts: each bucket's path made once, not two values, an array and a key per run shown.
    /// </summary>
    private static Dictionary<PathKey, List<StoredRun>> ByTwoTexts(IReadOnlyList<StoredRun> runs, Func<StoredRun, string?> first, Func<StoredRun, string?> second) =>
        Buckets(runs, run => new TextPair(first(run), second(run)))
            .ToDictionary(p => new PathKey(new[] { GroupValue.OfText(p.Key.First), GroupValue.OfText(p.Key.Second) }), p => p.Value);

    private static PathKey PathOf(StoredRun run, IReadOnlyList<GroupingKey> keys)
    {
        var values = new GroupValue[keys.Count];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = keys[k].ValueOf(run);
        }

        return new PathKey(values);
    }

    /// <summary>The runs by their key, each bucket in the runs' order.</summary>
    private static Dictionary<TKey, List<StoredRun>> Buckets<TKey>(IReadOnlyList<StoredRun> runs, Func<StoredRun, TKey> keyOf)
        where TKey : notnull
    {
        var buckets = new Dictionary<TKey, List<StoredRun>>();
        foreach (var run in runs)
        {
            var key = keyOf(run);
            if (!buckets.TryGetValue(key, out var members))
            {
                members = new List<StoredRun>();
                buckets[key] = members;
            }

            members.Add(run);
        }

        return buckets;
    }

    /// <summary>
    /// A run's key values as one dictionary key: its hash worked out once and both compared by a loop, since the table by
    /// group / job_type hashes and compares one per run shown (a LINQ walk per run with an enumerator each before).
    /// </summary>
    private sealed class PathKey : IEquatable<PathKey>, IComparable<PathKey>
    {
        private readonly int _hash;

        public PathKey(GroupValue[] values)
        {
            Values = values;
            var hash = 17;
            foreach (var value in values)
            {
                hash = (hash * 31) + value.GetHashCode();
            }

            _hash = hash;
        }

        public GroupValue[] Values { get; }

        public bool Equals(PathKey? other)
        {
            if (other is null || other._hash != _hash || other.Values.Length != Values.Length)
            {
                return false;
            }

            for (var i = 0; i < Values.Length; i++)
            {
                if (!Values[i].Equals(other.Values[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as PathKey);

        public override int GetHashCode() => _hash;

        public int CompareTo(PathKey? other)
        {
            for (var i = 0; i < Values.Length; i++)
            {
                var c = Values[i].CompareTo(other!.Values[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return 0;
        }
    }

    /// <summary>Two texts compared ordinally, either missing (null): the values of two text keys of one run.</summary>
    private readonly struct TextPair : IEquatable<TextPair>
    {
        public TextPair(string? first, string? second)
        {
            First = first;
            Second = second;
        }

        public string? First { get; }

        public string? Second { get; }

        public bool Equals(TextPair other) => string.Equals(First, other.First, StringComparison.Ordinal) && string.Equals(Second, other.Second, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is TextPair other && Equals(other);

        public override int GetHashCode() => ((First is null ? 0 : StringComparer.Ordinal.GetHashCode(First)) * 31) + (Second is null ? 0 : StringComparer.Ordinal.GetHashCode(Second));
    }
}
