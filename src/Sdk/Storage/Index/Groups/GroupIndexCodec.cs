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
/// (<see cref="GroupActivity"/>: last written, git branches), which retention reads instead of every run. The whole
/// file's header has an <c>id</c>; the file of changes beside it (<c>groups.v2.delta.jsonl</c>, <see cref="WriteDelta"/>)
/// names it as its <c>base</c> and holds the lines of the groups changed since, a line per group gone and the last line,
/// which <see cref="Read(byte[], byte[])"/> applies to the whole file's. Numbers are written so they read back to the
/// same double (non-finite ones as the strings <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>), so a report from the
/// file equals one computed from the runs, byte for byte.
/// </summary>
internal static class GroupIndexCodec
{
    public const string FormatName = "wandb-group-index";
    public const int Version = 2;

    /// <summary>The whole file's id in its header, which a file of changes names as its <see cref="BaseProperty"/>.</summary>
    private const string IdProperty = "id";

    /// <summary>The id of the whole file a file of changes applies to, in its header.</summary>
    private const string BaseProperty = "base";

    /// <summary>The first property of a file of changes' line for a group of the whole file that is gone.</summary>
    private const string RemovedProperty = "removed";

    /// <summary>Orders groups as the files list them: by project, then group (ordinal; the runs without a group first).</summary>
    public static readonly Comparison<GroupKey> KeyOrder = (a, b) =>
    {
        var byProject = string.CompareOrdinal(a.Project, b.Project);
        return byProject != 0 ? byProject : string.CompareOrdinal(a.Group, b.Group);
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };
    private static readonly StandardFormat HexFormat = new('x', 16);

    /// <summary>
    /// Formats the line of every group that has none in <see cref="GroupIndex.Lines"/> (whose aggregate or runs changed
    /// since the line was read or written) and keeps it there; returns the line of the runs no group counts.
    /// </summary>
    public static byte[] FormatLines(GroupIndex index)
    {
        // Only the groups whose lines are not copied as they are need their runs.
        var members = index.Entries.Grouped(key => !index.Lines.ContainsKey(key), out var uncounted);
        var buffer = new MemoryStream(4096);
        foreach (var pair in index.Groups)
        {
            if (!index.Lines.ContainsKey(pair.Key))
            {
                var runs = members.TryGetValue(pair.Key, out var list) ? list : new List<KeyValuePair<string, GroupIndexRun>>();
                buffer.SetLength(0);
                using (var json = new Utf8JsonWriter(buffer, WriterOptions))
                {
                    WriteGroup(json, pair.Value, runs);
                }

                index.Lines[pair.Key] = buffer.ToArray();
            }
        }

        buffer.SetLength(0);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WritePropertyName("uncounted");
            WriteRuns(json, uncounted);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The id of the whole file of <paramref name="index"/>'s lines (<see cref="FormatLines"/>): a fingerprint of its group
    /// lines in file order and of <paramref name="uncounted"/>, so the same groups give the same file, byte for byte.
    /// </summary>
    public static string ContentId(GroupIndex index, byte[] uncounted)
    {
        var keys = SortedKeys(index);
        var hashes = new ulong[keys.Count + 1];
        for (var i = 0; i < keys.Count; i++)
        {
            hashes[i] = LineHash.Of(index.Lines[keys[i]].Span);
        }

        hashes[keys.Count] = LineHash.Of(uncounted);
        return LineHash.Of(System.Runtime.InteropServices.MemoryMarshal.AsBytes(hashes.AsSpan())).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the whole file of <paramref name="index"/>, whose lines <see cref="FormatLines"/> made; returns its length in bytes.</summary>
    public static long Write(Stream stream, GroupIndex index, byte[] uncounted, string id)
    {
        var start = stream.Position;
        WriteHeader(stream, index, id, baseId: null);
        foreach (var key in SortedKeys(index))
        {
            SnapshotLines.Write(stream, index.Lines[key]);
        }

        SnapshotLines.Write(stream, uncounted);
        return stream.Position - start;
    }

    /// <summary>
    /// Writes the file of changes of <paramref name="index"/> against the whole file <paramref name="whole"/>: the lines of
    /// the groups <paramref name="changed"/> (new, or not the whole file's), a line per group of the whole file that is
    /// gone, and the line of the runs no group counts.
    /// </summary>
    public static void WriteDelta(Stream stream, GroupIndex index, GroupIndexBase whole, IReadOnlyList<GroupKey> changed, IReadOnlyList<GroupKey> removed, byte[] uncounted)
    {
        WriteHeader(stream, index, id: null, baseId: whole.Id);
        foreach (var key in changed)
        {
            SnapshotLines.Write(stream, index.Lines[key]);
        }

        foreach (var key in removed)
        {
            WriteLine(stream, json =>
            {
                json.WriteStartObject();
                json.WriteBoolean(RemovedProperty, true);
                json.WriteString("project", key.Project);
                json.WriteString("group", key.Group);
                json.WriteEndObject();
            });
        }

        SnapshotLines.Write(stream, uncounted);
    }

    private static List<GroupKey> SortedKeys(GroupIndex index)
    {
        var keys = index.Groups.Keys.ToList();
        keys.Sort(KeyOrder);
        return keys;
    }

    /// <summary>The header: the whole file's with its <c>id</c>, the file of changes' with the <c>base</c> it applies to.</summary>
    private static void WriteHeader(Stream stream, GroupIndex index, string? id, string? baseId) => WriteLine(stream, json =>
    {
        json.WriteStartObject();
        json.WriteString("format", FormatName);
        json.WriteNumber("version", Version);
        if (id is not null)
        {
            json.WriteString(IdProperty, id);
        }

        if (baseId is not null)
        {
            json.WriteString(BaseProperty, baseId);
        }

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

    /// <summary>
    /// The index the whole file's bytes hold with the file of changes written against it applied, or null when
    /// <paramref name="bytes"/> are not a whole group index of this version. A file of changes that names another whole
    /// file, or is damaged, is passed over: the whole file alone is read.
    /// </summary>
    public static GroupIndex? Read(byte[] bytes, byte[]? delta = null) =>
        (delta is null ? null : TryRead(bytes, delta)) ?? TryRead(bytes, delta: null);

    private static GroupIndex? TryRead(byte[] bytes, byte[]? delta)
    {
        var lines = SnapshotLines.Split(bytes);
        try
        {
            if (lines.Count < 2 || !IsHeader(lines.Span(0), out var groupCount, out var covers, out var id, out _) || groupCount != lines.Count - 2)
            {
                return null;
            }

            var groupLines = Enumerable.Range(1, groupCount).Select(lines.Memory).ToList();
            var uncountedLine = lines.Memory(lines.Count - 1);
            var removed = new HashSet<GroupKey>();
            if (delta is not null)
            {
                var changes = SnapshotLines.Split(delta);
                if (id is null || changes.Count < 2 || !IsHeader(changes.Span(0), out groupCount, out covers, out _, out var baseId) || baseId != id)
                {
                    return null;
                }

                for (var i = 1; i < changes.Count - 1; i++)
                {
                    if (IsRemoved(changes.Span(i)) is { } key)
                    {
                        removed.Add(key);
                    }
                    else
                    {
                        groupLines.Add(changes.Memory(i));
                    }
                }

                uncountedLine = changes.Memory(changes.Count - 1);
            }

            // The group lines are read on every core (a 100,000-run store's file is 3 MB of run ids and fingerprints,
            // read in every build's and test run's read-ahead), then gathered in file order, the changes' after the whole
            // file's. Their members are only counted and checked here: the entries stay in the lines until one is needed
            // (GroupIndexEntries).
            var read = new (GroupAggregate Aggregate, List<ulong> Ids)[groupLines.Count];
            Parallel.For(
                0,
                groupLines.Count,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism.Degree },
                i => read[i] = ReadGroup(groupLines[i].Span));
            var uncounted = ReadUncounted(uncountedLine.Span);

            // By key, the last line of each group: a line of the changes replaces the whole file's.
            var wholeLines = new Dictionary<GroupKey, ReadOnlyMemory<byte>>(lines.Count - 2);
            var latest = new Dictionary<GroupKey, int>(groupLines.Count);
            var order = new List<GroupKey>(groupLines.Count);
            for (var i = 0; i < groupLines.Count; i++)
            {
                var key = new GroupKey(read[i].Aggregate.Project, read[i].Aggregate.Group);
                if (i < lines.Count - 2)
                {
                    if (wholeLines.ContainsKey(key))
                    {
                        throw new JsonException($"The group {key} has two lines.");
                    }

                    wholeLines.Add(key, groupLines[i]);
                }
                else if (latest.ContainsKey(key) && !wholeLines.ContainsKey(key))
                {
                    throw new JsonException($"The changes give the group {key} two lines.");
                }

                if (!latest.ContainsKey(key))
                {
                    order.Add(key);
                }

                latest[key] = i;
            }

            if (removed.Any(k => !wholeLines.ContainsKey(k) || latest[k] >= lines.Count - 2))
            {
                throw new JsonException("The changes remove a group the whole file does not hold, or one they change.");
            }

            order.RemoveAll(removed.Contains);
            if (order.Count != groupCount)
            {
                throw new JsonException($"The header counts {groupCount} groups, the lines {order.Count}.");
            }

            var ids = new ulong[order.Sum(k => read[latest[k]].Ids.Count) + uncounted.Count];
            var groups = new Dictionary<GroupKey, GroupAggregate>(groupCount);
            var indexLines = new Dictionary<GroupKey, ReadOnlyMemory<byte>>(groupCount);
            var fileGroups = new List<(GroupKey, ReadOnlyMemory<byte>)>(groupCount);
            var next = 0;
            foreach (var key in order)
            {
                var i = latest[key];
                groups.Add(key, read[i].Aggregate);
                indexLines.Add(key, groupLines[i]);
                fileGroups.Add((key, groupLines[i]));
                read[i].Ids.CopyTo(ids, next);
                next += read[i].Ids.Count;
            }

            foreach (var (runId, _) in uncounted)
            {
                ids[next++] = IdHash(runId);
            }

            CheckOnce(ids);
            var whole = id is null ? null : new GroupIndexBase(id, bytes.Length, wholeLines);
            return new GroupIndex(new GroupIndexEntries(fileGroups, uncounted, ids.Length), groups, indexLines, covers, whole);
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

    /// <summary>The group a line of the changes says is gone (<c>{"removed":true,"project":…,"group":…}</c>), or null for a group's line.</summary>
    private static GroupKey? IsRemoved(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        Expect(ref reader, JsonTokenType.StartObject);
        if (NextProperty(ref reader) != RemovedProperty)
        {
            return null;
        }

        string? project = null;
        string? group = null;
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case "project": project = reader.GetString(); break;
                case "group": group = reader.TokenType == JsonTokenType.Null ? null : reader.GetString(); break;
                default: reader.Skip(); break;
            }
        }

        return project is null ? throw new JsonException("A removed group without its project.") : new GroupKey(project, group);
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

    /// <summary>The members of a group line read by <see cref="Read(byte[], byte[])"/>: each run id and the fingerprint of its line, in the file's order.</summary>
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

    private static bool IsHeader(ReadOnlySpan<byte> line, out int groups, out SnapshotMark? covers, out string? id, out string? baseId)
    {
        var reader = new Utf8JsonReader(line);
        string? format = null;
        int? version = null;
        groups = -1;
        covers = null;
        id = null;
        baseId = null;
        Expect(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader) is { } name)
        {
            switch (name)
            {
                case "format": format = reader.GetString(); break;
                case "version": version = reader.GetInt32(); break;
                case "groups": groups = reader.GetInt32(); break;
                case IdProperty when reader.TokenType == JsonTokenType.String: id = reader.GetString(); break;
                case BaseProperty when reader.TokenType == JsonTokenType.String: baseId = reader.GetString(); break;
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
