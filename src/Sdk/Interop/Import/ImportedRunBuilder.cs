using System.Text;
using Google.Protobuf.Collections;
using Wandb.Interop.Export;
using Wandb.Interop.Protocol;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Merging;

namespace Wandb.Interop.Import;

/// <summary>
/// Folds the records of one transaction log into a run, as W&amp;B itself reads them: the run record names the
/// run (later run records update it), config and summary items set or remove values at their paths, each
/// history record is a row, and the exit record ends the run (0 finished, else failed; none: crashed).
/// Records of other types are counted and skipped. See docs/wandb-interop.md for the mapping.
/// </summary>
internal sealed class ImportedRunBuilder
{
    private const string DefaultProject = "uncategorized";
    private const string InternalKey = ExportRecords.InternalKey;

    private readonly HistoryLineFormat _format = new();
    private readonly StringBuilder _line = new();
    private readonly Dictionary<string, object?> _config = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> _summary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _last = new(StringComparer.Ordinal);
    private readonly List<HistoryLine> _lines = new();
    private readonly Dictionary<string, int> _rowIndex = new(StringComparer.Ordinal);
    private readonly List<string> _rowKeys = new();
    private readonly List<double> _rowValues = new();
    private RunRecord? _run;
    private RunExitRecord? _exit;
    private long? _lastStep;
    private double _lastTimestamp = double.NaN;

    /// <summary>Skipped records by W&amp;B's name of their type (files, stats, telemetry, ...).</summary>
    public SortedDictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>History values that are not numbers (media, strings, booleans, lists), left out.</summary>
    public long NonNumericValues { get; private set; }

    /// <summary>The keys of those values.</summary>
    public SortedSet<string> NonNumericKeys { get; } = new(StringComparer.Ordinal);

    public bool HasRun => _run is not null;

    public void Add(Record record)
    {
        switch (record.RecordTypeCase)
        {
            case Record.RecordTypeOneofCase.Run:
                AddRun(record.Run);
                break;
            case Record.RecordTypeOneofCase.Config:
                AddConfig(record.Config);
                break;
            case Record.RecordTypeOneofCase.Summary:
                AddSummary(record.Summary);
                break;
            case Record.RecordTypeOneofCase.History:
                AddHistory(record.History);
                break;
            case Record.RecordTypeOneofCase.Exit:
                _exit = record.Exit;
                break;
            case Record.RecordTypeOneofCase.Header or Record.RecordTypeOneofCase.Final or Record.RecordTypeOneofCase.Footer or Record.RecordTypeOneofCase.None:
                break;
            default:
                var name = Record.Descriptor.FindFieldByNumber((int)record.RecordTypeCase).Name;
                Skipped[name] = Skipped.TryGetValue(name, out var count) ? count + 1 : 1;
                break;
        }
    }

    /// <exception cref="InvalidDataException">The log holds no run record, or its run id cannot be a run id here.</exception>
    public ImportedRun Build(string path, string writerId)
    {
        var run = _run ?? throw new InvalidDataException("it holds no run record");
        if (!RunId.TryValidate(run.RunId, out var problem))
        {
            throw new InvalidDataException($"its run id cannot be used: {problem}");
        }

        var createdAt = run.StartTime is { } start ? ToMicroseconds(start.ToDateTimeOffset()) : FirstRowTime();
        var metadata = new RunMetadataFile
        {
            Id = run.RunId,
            Name = run.DisplayName,
            Project = NullIfEmpty(run.Project) ?? DefaultProject,
            Group = NullIfEmpty(run.RunGroup),
            JobType = NullIfEmpty(run.JobType),
            Tags = run.Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList(),
            Notes = NullIfEmpty(run.Notes),
            CreatedAt = createdAt,
            System = new SystemInfo { Host = NullIfEmpty(run.Host) },
        };

        var ended = _exit is null ? (DateTimeOffset?)null : createdAt.AddSeconds(_exit.Runtime);
        var lastRowTime = double.IsNaN(_lastTimestamp) ? createdAt : DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(_lastTimestamp * 1000));
        var updatedAt = ended is { } end && end > lastRowTime ? end : lastRowTime;
        foreach (var key in new[] { InternalKey, ExportRecords.StepKey, ExportRecords.RuntimeKey, ExportRecords.TimestampKey })
        {
            _summary.Remove(key);
        }

        _config.Remove(InternalKey);
        var state = new WriterStateFile
        {
            Writer = writerId,
            Host = metadata.System.Host,
            StartedAt = createdAt,
            UpdatedAt = updatedAt,
            FinishedAt = updatedAt,
            State = (_exit is null ? RunState.Crashed : _exit.ExitCode == 0 ? RunState.Finished : RunState.Failed).ToName(),
            ExitCode = _exit?.ExitCode,
            Rows = _lines.Count,
            LastStep = _lastStep,
            Config = _config,
            Summary = _summary,
            Last = _last,
        };
        return new ImportedRun(path, metadata, state, _lines, Skipped);
    }

    private void AddRun(RunRecord run)
    {
        if (_run is null)
        {
            _run = run.Clone();
        }
        else
        {
            // Later run records are updates (a new name, tags or notes): what they set wins.
            _run.DisplayName = NullIfEmpty(run.DisplayName) ?? _run.DisplayName;
            _run.Notes = NullIfEmpty(run.Notes) ?? _run.Notes;
            _run.RunGroup = NullIfEmpty(run.RunGroup) ?? _run.RunGroup;
            _run.JobType = NullIfEmpty(run.JobType) ?? _run.JobType;
            if (run.Tags.Count > 0)
            {
                _run.Tags.Clear();
                _run.Tags.AddRange(run.Tags);
            }
        }

        if (run.Config is not null)
        {
            AddConfig(run.Config);
        }

        if (run.Summary is not null)
        {
            AddSummary(run.Summary);
        }
    }

    private void AddConfig(ConfigRecord config)
    {
        foreach (var item in config.Update)
        {
            NestedValues.Set(_config, PathOf(item.NestedKey, item.Key), ValueJson.Parse(item.ValueJson), mergeObjects: true);
        }

        foreach (var item in config.Remove)
        {
            NestedValues.Remove(_config, PathOf(item.NestedKey, item.Key));
        }
    }

    private void AddSummary(SummaryRecord summary)
    {
        foreach (var item in summary.Update)
        {
            NestedValues.Set(_summary, PathOf(item.NestedKey, item.Key), ValueJson.Parse(item.ValueJson), mergeObjects: false);
        }

        foreach (var item in summary.Remove)
        {
            NestedValues.Remove(_summary, PathOf(item.NestedKey, item.Key));
        }
    }

    private void AddHistory(HistoryRecord history)
    {
        _rowIndex.Clear();
        _rowKeys.Clear();
        _rowValues.Clear();
        long? step = history.Step?.Num;
        long? itemStep = null;
        double runtime = 0;
        double timestamp = double.NaN;
        foreach (var item in history.Item)
        {
            var key = item.NestedKey.Count switch
            {
                0 => item.Key,
                1 => item.NestedKey[0],
                _ => string.Join(".", item.NestedKey),
            };
            switch (key)
            {
                case ExportRecords.StepKey:
                    itemStep = ValueJson.TryParseNumber(item.ValueJson, out var s) ? (long)s : null;
                    continue;
                case ExportRecords.RuntimeKey:
                    runtime = ValueJson.TryParseNumber(item.ValueJson, out var r) ? r : 0;
                    continue;
                case ExportRecords.TimestampKey:
                    timestamp = ValueJson.TryParseNumber(item.ValueJson, out var t) ? t : double.NaN;
                    continue;
            }

            if (key.StartsWith(InternalKey, StringComparison.Ordinal))
            {
                continue;
            }

            AddValue(key, item.ValueJson);
        }

        var rowStep = step ?? itemStep ?? (_lastStep is { } previous ? previous + 1 : 0);
        if (double.IsNaN(timestamp))
        {
            timestamp = (_run?.StartTime?.ToDateTimeOffset().ToUnixTimeMilliseconds() / 1000.0 ?? 0) + runtime;
        }

        var keys = _rowKeys.ToArray();
        var values = _rowValues.ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            _last[keys[i]] = values[i];
        }

        _line.Clear();
        _format.Append(_line, new PendingRow(rowStep, runtime, timestamp, keys, values));
        _lines.Add(new HistoryLine(rowStep, Math.Round(timestamp, 6), _line.ToString(0, _line.Length - 1)));
        _lastStep = rowStep;
        _lastTimestamp = timestamp;
    }

    private void AddValue(string key, string valueJson)
    {
        if (ValueJson.TryParseNumber(valueJson, out var number))
        {
            SetRowValue(key, number);
            return;
        }

        // Older clients log a dictionary under one key: its numbers become key.sub columns, as W&B shows them.
        if (valueJson.Length > 0 && valueJson[0] == '{' && ValueJson.Parse(valueJson) is Dictionary<string, object?> nested && !nested.ContainsKey("_type"))
        {
            foreach (var pair in nested)
            {
                AddValue(key + "." + pair.Key, ValueJson.Write(pair.Value));
            }

            return;
        }

        NonNumericValues++;
        NonNumericKeys.Add(key);
    }

    private void SetRowValue(string key, double value)
    {
        if (_rowIndex.TryGetValue(key, out var index))
        {
            _rowValues[index] = value;
            return;
        }

        _rowIndex[key] = _rowKeys.Count;
        _rowKeys.Add(key);
        _rowValues.Add(value);
    }

    private DateTimeOffset FirstRowTime() =>
        _lines.Count > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(_lines[0].Timestamp * 1000)) : DateTimeOffset.FromUnixTimeSeconds(0);

    // The PostgreSQL store keeps microseconds: a finer start time would not compare equal on the next import.
    private static DateTimeOffset ToMicroseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    private static IReadOnlyList<string> PathOf(RepeatedField<string> nestedKey, string key) => nestedKey.Count > 0 ? nestedKey : new[] { key };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
