using System.Runtime.CompilerServices;
using Wandb.Storage;

namespace Wandb.Reports;

/// <summary>
/// Per store object, what a report writes of the runs a read-ahead expects it to show in full before the build's or test
/// run's own (<see cref="ReportReadAhead"/>), made ahead so the report only extends it with the runs after them: the runs
/// are listed oldest first, and a build's runs are the newest. When the build's runs push the oldest unit (a group, or a
/// run without one) out of a full budget, the report's runs begin with the others: what is made of those is kept too. A
/// report whose runs begin with neither (a kept run changed, more groups left the budget) writes everything itself.
/// </summary>
/// <typeparam name="T">What is made of a list of runs: the page's runs table (<see cref="Html.PageRunsPrefix"/>), runs.json's entries (<see cref="Json.RunsJsonPrefix"/>).</typeparam>
internal sealed class KeptPrefixes<T>
    where T : class
{
    private readonly ConditionalWeakTable<RunStore, Kept> _kept = new();
    private readonly Func<RunStore, IReadOnlyList<StoredRun>, T> _make;
    private readonly Func<RunStore, IReadOnlyList<StoredRun>, int, (T All, T WithoutFirst)>? _makeBoth;

    /// <param name="make">Makes what is kept of a list of runs of a store object, oldest first.</param>
    /// <param name="makeBoth">
    /// Makes what is kept of a list of runs and of the same runs without the first <c>n</c> at once, sharing what they
    /// have in common; null to make each with <paramref name="make"/>.
    /// </param>
    public KeptPrefixes(Func<RunStore, IReadOnlyList<StoredRun>, T> make, Func<RunStore, IReadOnlyList<StoredRun>, int, (T All, T WithoutFirst)>? makeBoth = null)
    {
        _make = make;
        _makeBoth = makeBoth;
    }

    /// <summary>Keeps what is made of <paramref name="runs"/> (oldest first) for the reports written from <paramref name="store"/>; nothing when there are no runs.</summary>
    /// <param name="store">The store object the reports are written from.</param>
    /// <param name="runs">The runs the report will likely show before its focus groups' own, oldest first.</param>
    /// <param name="withoutOldest">
    /// Whether to keep what is made of the runs without the oldest unit as well: a build does not know how many runs it
    /// will add, and they may push that unit out of the budget; a test run that repeats the last one left room for as many.
    /// </param>
    public void Keep(RunStore store, IReadOnlyList<StoredRun> runs, bool withoutOldest)
    {
        _kept.Remove(store);
        if (runs.Count == 0)
        {
            return;
        }

        var first = withoutOldest && OldestUnitCount(runs) is { } oldest && oldest < runs.Count ? oldest : 0;
        if (first == 0)
        {
            _kept.Add(store, new Kept(runs, _make(store, runs), null));
            return;
        }

        var without = runs.Skip(first).ToList();
        var (all, withoutFirst) = _makeBoth?.Invoke(store, runs, first) ?? (_make(store, runs), _make(store, without));
        _kept.Add(store, new Kept(runs, all, new Kept(without, withoutFirst, null)));
    }

    /// <summary>Drops what was kept for <paramref name="store"/> and returns it (with and without the oldest unit), so the caller can free it.</summary>
    public IReadOnlyList<T> Forget(RunStore store)
    {
        var made = new List<T>();
        for (var kept = _kept.TryGetValue(store, out var first) ? first : null; kept is not null; kept = kept.WithoutOldest)
        {
            made.Add(kept.Made);
        }

        _kept.Remove(store);
        return made;
    }

    /// <summary>
    /// What was kept for <paramref name="store"/> of the runs <paramref name="runs"/> begin with (the runs read ahead, or
    /// those without the oldest unit) and that <paramref name="fits"/>, if any; else null.
    /// </summary>
    public T? For(RunStore store, IReadOnlyList<StoredRun> runs, Func<T, bool>? fits = null)
    {
        for (var kept = _kept.TryGetValue(store, out var first) ? first : null; kept is not null; kept = kept.WithoutOldest)
        {
            if (Begins(runs, kept.Runs) && (fits is null || fits(kept.Made)))
            {
                return kept.Made;
            }
        }

        return null;
    }

    /// <summary>
    /// How many runs the unit the budget gives up first has (the one whose newest run is oldest; of equal ones, the last
    /// by name, as <see cref="DetailOrder"/> takes them) when they are the first of <paramref name="runs"/>; else null.
    /// </summary>
    private static int? OldestUnitCount(IReadOnlyList<StoredRun> runs)
    {
        var units = runs.Where(r => r.Group is not null).GroupBy(r => r.Group!, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Runs: g.Count(), Latest: g.Max(r => r.CreatedAt)))
            .Concat(runs.Where(r => r.Group is null).Select(r => (Name: r.Id, Runs: 1, Latest: r.CreatedAt)))
            .OrderByDescending(u => u.Latest).ThenBy(u => u.Name, StringComparer.Ordinal)
            .ToList();
        var oldest = units[units.Count - 1];
        var first = runs.Take(oldest.Runs).ToList();
        var isFirst = oldest.Runs == 1 && first[0].Group is null
            ? first[0].Id == oldest.Name
            : first.All(r => r.Group == oldest.Name);
        return isFirst ? oldest.Runs : null;
    }

    /// <summary>Whether <paramref name="runs"/> begin with exactly the run objects of <paramref name="prefix"/>.</summary>
    private static bool Begins(IReadOnlyList<StoredRun> runs, IReadOnlyList<StoredRun> prefix)
    {
        if (runs.Count < prefix.Count)
        {
            return false;
        }

        for (var i = 0; i < prefix.Count; i++)
        {
            if (!ReferenceEquals(runs[i], prefix[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What was made of <see cref="Runs"/>, and what of them without the oldest unit.</summary>
    private sealed class Kept
    {
        public Kept(IReadOnlyList<StoredRun> runs, T made, Kept? withoutOldest)
        {
            Runs = runs;
            Made = made;
            WithoutOldest = withoutOldest;
        }

        public IReadOnlyList<StoredRun> Runs { get; }

        public T Made { get; }

        public Kept? WithoutOldest { get; }
    }
}
