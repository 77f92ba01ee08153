using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Wandb.Environment;
using Wandb.Grouping.Aggregates;
using Wandb.Grouping.Statistics;
using Wandb.Polyfills;

namespace Wandb.Storage.Index.Groups;

/// <summary>
/// Writes and reads <c>index/groups.v2.jsonl</c>: a header line (with the run index snapshot it covers, when known:
/// <see cref="GroupIndex.Covers"/>), then one line per group (its aggregate, its activity and the fingerprints of its
/// runs), then one line of the runs no group counts. Version 2 added each group's activity
/// (<see cref="GroupActivity"/>: last written, git branches), which retention reads instead of every run. Numbers are written so they read back to the
/// same double (non-finite ones as the strings <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>), so a report from the
/// file equals one computed from the runs, byte for byte.
/// </summary>
internal static class GroupIndexCodec
{
    public const string FormatName = "wandb-group-index";
    public const int Version = 2;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };
    private static readonly StandardFormat HexFormat = new('x', 16);

    public static void Write(Stream stream, GroupIndex index)
    {
        // Only the groups whose lines are not copied as they are need their runs.
        var members = index.Entries.Grouped(key => !index.Lines.ContainsKey(key), out var uncounted);

        WriteLine(stream, json =>
        {
            json.WriteStartObject();
            json.WriteString("format", FormatName);
            json.WriteNumber("version", Version);
            json.WriteNumber("groups", index.Groups.Count);
            if (index.Covers is { } covers)
            {
                json.WriteStartObject("snapshot");
                json.WriteString("generation", covers.Generation);
                json.WriteNumber("bytes", covers.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        });

        var buffer = new MemoryStream(4096);
        foreach (var pair in index.Groups.OrderBy(p => p.Key.Project, StringComparer.Ordinal).ThenBy(p => p.Key.Group, StringComparer.Ordinal))
        {
            if (!index.Lines.TryGetValue(pair.Key, out var line))
            {
                var runs = members.TryGetValue(pair.Key, out var list) ? list : new List<KeyValuePair<string, GroupIndexRun>>();
                buffer.SetLength(0);
                using (var json = new Utf8JsonWriter(buffer, WriterOptions))
                {
                    WriteGroup(json, pair.Value, runs);
                }

                line = buffer.ToArray();
                index.Lines[pair.Key] = line;
            }

            SnapshotLines.Write(stream, line);
        }

        WriteLine(stream, json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("uncounted");
            WriteRuns(json, uncounted);
            json.WriteEndObject();
        });
    }

    /// <summary>The index the bytes hold, or null when they are not a whole group index of this version.</summary>
    public static GroupIndex? Read(byte[] bytes)
    {
        var lines = SnapshotLines.Split(bytes);
        try
        {
            if (lines.Count < 2 || !IsHeader(lines.Span(0), out var groupCount, out var covers) || groupCount != lines.Count - 2)
            {
                return null;
            }

            // The group lines are read on every core (a 100,000-run store's file is 3 MB of run ids and fingerprints,
            // read in every build's and test run's read-ahead), then gathered in file order. Their members are only
            // counted and checked here: the entries stay in the lines until one is needed (GroupIndexEntries).
            var read = new (GroupAggregate Aggregate, List<ulong> Ids)[groupCount];
            Parallel.For(
                0,
                groupCount,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree },
                i => read[i] = ReadGroup(lines.Span(i + 1)));
            var uncounted = ReadUncounted(lines.Span(lines.Count - 1));
            var ids = new ulong[read.Sum(g => g.Ids.Count) + uncounted.Count];
            var groups = new Dictionary<GroupKey, GroupAggregate>(groupCount);
            var groupLines = new Dictionary<GroupKey, ReadOnlyMemory<byte>>(groupCount);
            var fileGroups = new List<(GroupKey, ReadOnlyMemory<byte>)>(groupCount);
            var next = 0;
            for (var i = 0; i < groupCount; i++)
            {
                var aggregate = read[i].Aggregate;
                var key = new GroupKey(aggregate.Project, aggregate.Group);
                groups.Add(key, aggregate);
                groupLines.Add(key, lines.Memory(i + 1));
                fileGroups.Add((key, lines.Memory(i + 1)));
                read[i].Ids.CopyTo(ids, next);
                next += read[i].Ids.Count;
            }

            foreach (var (id, _) in uncounted)
            {
                ids[next++] = IdHash(id);
            }

            CheckOnce(ids);
            return new GroupIndex(new GroupIndexEntries(fileGroups, uncounted, ids.Length), groups, groupLines, covers);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(IsUnreadable))
        {
            return null;
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// Checks that no run is counted twice, by the fingerprints of the runs' ids (<see cref="IdHash(ReadOnlySpan{byte})"/>),
    /// sorted: a file edited by hand is computed again, as when its entries were read into a dictionary here.
    /// </summary>
    private static void CheckOnce(ulong[] ids)
    {
        Array.Sort(ids);
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                throw new JsonException("A run is counted twice.");
            }
        }
    }

    /// <summary>A run id's fingerprint, from its UTF-8 bytes as the file holds them unescaped.</summary>
    private static ulong IdHash(ReadOnlySpan<byte> id) => LineHash.Of(id);

    private static ulong IdHash(string id) => IdHash(System.Text.Encoding.UTF8.GetBytes(id));

    /// <summary>The members of a group line read by <see cref="Read(byte[])"/>: each run id and the fingerprint of its line, in the file's order.</summary>
    public static List<(string Id, ulong Hash)> ReadMembers(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        var members = new List<(string Id, ulong Hash)>();
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader) is { } name)
        {
            if (name == "members")
            {
                ReadRuns(ref reader, members);
            }
            else
            {
                reader.Skip();
            }
        }

        return members;
    }

    /// <summary>What reading a damaged line throws.</summary>
    private static bool IsUnreadable(Exception ex) => ex is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException;

    private static void WriteGroup(Utf8JsonWriter json, GroupAggregate aggregate, IEnumerable<KeyValuePair<string, GroupIndexRun>> runs)
    {
        json.WriteStartObject();
        json.WriteString("project", aggregate.Project);
        json.WriteString("group", aggregate.Group);
        json.WriteNumber("runs", aggregate.Runs);
        json.WriteStartObject("states");
        foreach (var state in aggregate.States)
        {
            json.WriteNumber(state.Key.ToName(), state.Value);
        }

        json.WriteEndObject();
        json.WriteString("newest", aggregate.NewestCreatedAt);
        json.WriteStartArray("job_types");
        foreach (var jobType in aggregate.JobTypes)
        {
            json.WriteStringValue(jobType);
        }

        json.WriteEndArray();
        json.WriteBoolean("without_job_type", aggregate.AnyWithoutJobType);
        var activity = aggregate.Activity ?? throw new InvalidOperationException($"The group {aggregate.Group} of {aggregate.Project} was aggregated without its activity.");
        json.WriteString("last_active", activity.LastActiveAt);
        json.WriteStartArray("git_branches");
        foreach (var branch in activity.GitBranches)
        {
            json.WriteStringValue(branch);
        }

        json.WriteEndArray();
        json.WriteStartObject("metrics");
        foreach (var metric in aggregate.Metrics)
        {
            // n, mean, median, min, max, std, non-finite, non-numeric: std err and the interval follow from them.
            json.WriteStartArray(metric.Key);
            var s = metric.Value;
            json.WriteNumberValue(s.N);
            foreach (var value in new[] { s.Mean, s.Median, s.Min, s.Max, s.Std })
            {
                WriteDouble(json, value);
            }

            json.WriteNumberValue(s.NonFinite);
            json.WriteNumberValue(s.NonNumeric);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WritePropertyName("members");
        WriteRuns(json, runs);
        json.WriteEndObject();
    }

    private static void WriteRuns(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, GroupIndexRun>> runs)
    {
        Span<byte> hex = stackalloc byte[16];
        json.WriteStartObject();
        foreach (var run in runs)
        {
            Utf8Formatter.TryFormat(run.Value.Hash, hex, out _, HexFormat);
            json.WriteString(run.Key, hex);
        }

        json.WriteEndObject();
    }

    private static bool IsHeader(ReadOnlySpan<byte> line, out int groups, out SnapshotMark? covers)
    {
        var reader = new Utf8JsonReader(line);
        string? format = null;
        int? version = null;
        groups = -1;
        covers = null;
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case "format": format = reader.GetString(); break;
                case "version": version = reader.GetInt32(); break;
                case "groups": groups = reader.GetInt32(); break;
                case "snapshot" when reader.TokenType == JsonTokenType.StartObject: covers = ReadSnapshotMark(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return format == FormatName && version == Version && groups >= 0;
    }

    /// <summary>The snapshot the index covers; null when either part is missing (the index is then used without it).</summary>
    private static SnapshotMark? ReadSnapshotMark(ref Utf8JsonReader reader)
    {
        string? generation = null;
        long? bytes = null;
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case "generation" when reader.TokenType == JsonTokenType.String: generation = reader.GetString(); break;
                case "bytes" when reader.TokenType == JsonTokenType.Number: bytes = reader.GetInt64(); break;
                default: reader.Skip(); break;
            }
        }

        return generation is not null && bytes is > 0 ? new SnapshotMark(generation, bytes.Value) : null;
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static (GroupAggregate Aggregate, List<ulong> Ids) ReadGroup(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        string? project = null;
        string? group = null;
        var count = -1;
        var states = new SortedDictionary<RunState, int>();
        DateTimeOffset? newest = null;
        var jobTypes = new List<string>();
        var withoutJobType = false;
        DateTimeOffset? lastActive = null;
        List<string>? branches = null;
        var metrics = new SortedDictionary<string, MetricStatistics>(StringComparer.Ordinal);
        var members = new List<ulong>();
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case "project": project = reader.GetString(); break;
                case "group": group = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                case "runs":
                    count = reader.GetInt32();
                    members.Capacity = Math.Min(Math.Max(count, 0), line.Length / 8);
                    break;
                case "states":
                    while (NextProperty(ref reader) is { } state)
                    {
                        states[RunStateNames.Parse(state)] = reader.GetInt32();
                    }

                    break;
                case "newest": newest = reader.GetDateTimeOffset(); break;
                case "job_types":
                    while (NextValue(ref reader))
                    {
                        jobTypes.Add(reader.GetString() ?? throw new JsonException("A job type is null."));
                    }

                    break;
                case "without_job_type": withoutJobType = reader.GetBoolean(); break;
                case "last_active": lastActive = reader.GetDateTimeOffset(); break;
                case "git_branches":
                    branches = new List<string>();
                    while (NextValue(ref reader))
                    {
                        branches.Add(reader.GetString() ?? throw new JsonException("A git branch is null."));
                    }

                    break;
                case "metrics":
                    while (NextProperty(ref reader) is { } metric)
                    {
                        metrics[metric] = ReadStatistics(ref reader);
                    }

                    break;
                case "members": CountRuns(ref reader, members); break;
                default: reader.Skip(); break;
            }
        }

        if (project is null || count != members.Count || newest is null || lastActive is null || branches is null)
        {
            throw new JsonException("A group line is incomplete.");
        }

        return (new GroupAggregate(project, group, count, states, newest.Value, jobTypes, withoutJobType, metrics, new GroupActivity(lastActive.Value, branches)), members);
    }

    private static List<(string Id, ulong Hash)> ReadUncounted(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        var uncounted = new List<(string Id, ulong Hash)>();
        var seen = false;
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader) is { } name)
        {
            if (name == "uncounted")
            {
                ReadRuns(ref reader, uncounted);
                seen = true;
            }
            else
            {
                reader.Skip();
            }
        }

        if (!seen)
        {
            throw new JsonException("The last line does not list the uncounted runs.");
        }

        return uncounted;
    }

    /// <summary>Reads a members object as <see cref="ReadRuns"/> does, keeping only each run id's fingerprint: no string is made.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static void CountRuns(ref Utf8JsonReader reader, List<ulong> ids)
    {
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Expected a run id.");
            }

            var id = reader.ValueIsEscaped ? IdHash(reader.GetString()!) : IdHash(reader.ValueSpan);
            Read(ref reader);
            _ = Fingerprint(ref reader, id: null);
            ids.Add(id);
        }
    }

    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    private static void ReadRuns(ref Utf8JsonReader reader, List<(string Id, ulong Hash)> runs)
    {
        while (NextProperty(ref reader) is { } id)
        {
            runs.Add((id, Fingerprint(ref reader, id)));
        }
    }

    /// <summary>The fingerprint of a run's line, the value the reader is on: 16 hexadecimal digits as a string.</summary>
    /// <param name="reader">The reader, on the value.</param>
    /// <param name="id">The run it belongs to, as the error names it; null when its id was not read as a string.</param>
    private static ulong Fingerprint(ref Utf8JsonReader reader, string? id)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || !Utf8Parser.TryParse(reader.ValueSpan, out ulong hash, out var used, 'x') || used != reader.ValueSpan.Length)
        {
            throw new JsonException($"The fingerprint of {(id is null ? "a run" : "run " + id)} is not 16 hexadecimal digits.");
        }

        return hash;
    }

    private static MetricStatistics ReadStatistics(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Metric statistics are not an array.");
        }

        var values = new List<double>(8);
        while (NextValue(ref reader))
        {
            values.Add(ReadDouble(ref reader));
        }

        return values.Count == 8
            ? new MetricStatistics(checked((int)values[0]), values[1], values[2], values[3], values[4], values[5], checked((int)values[6]), checked((int)values[7]))
            : throw new JsonException("Metric statistics are not 8 numbers.");
    }

    private static void WriteDouble(Utf8JsonWriter json, double value)
    {
        if (double.IsNaN(value))
        {
            json.WriteStringValue("NaN");
        }
        else if (double.IsInfinity(value))
        {
            json.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            json.WriteNumberValue(value);
        }
    }

    private static double ReadDouble(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDouble(),
        JsonTokenType.String => reader.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new JsonException($"'{other}' is not a number."),
        },
        _ => throw new JsonException("A statistic is not a number."),
    };

    /// <summary>Moves to the next property's value, or returns null at the end of the object.</summary>
    private static string? NextProperty(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return null;
        }

        var name = reader.TokenType == JsonTokenType.PropertyName ? reader.GetString()! : throw new JsonException("Expected a property name.");
        Read(ref reader);
        return name;
    }

    /// <summary>Moves to the next value of an array, or returns false at its end.</summary>
    private static bool NextValue(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType != JsonTokenType.EndArray;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        Read(ref reader);
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {token}.");
        }
    }

    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The line ends early.");
        }
    }

    private static void WriteLine(Stream stream, Action<Utf8JsonWriter> write)
    {
        using (var json = new Utf8JsonWriter(stream, WriterOptions))
        {
            write(json);
        }

        stream.WriteByte((byte)'\n');
    }
}
