using System.Text;
using Google.Protobuf.Collections;
using Wandb.Interop.Export;
using Wandb.Interop.Protocol;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Codec;

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

    private readonly HistoryLineWriter _format = new();
    private readonly StringBuilder _line = new();
    private readonly Dictionary<string, object?> _config = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> _summary = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _last = new(StringComparer.Ordinal);
    private readonly ImportedHistory _history = new();
    private string[] _rowKeys = new string[16];
    private double[] _rowValues = new double[16];
    private int _rowCount;
    private string[] _exactKeys = Array.Empty<string>();
    private double[] _exactValues = Array.Empty<double>();
    private long? _itemStep;
    private double _runtime;
    private double _timestamp = double.NaN;
    private RunRecord? _run;
    private RunExitRecord? _exit;
    private long? _lastStep;
    private double _lastTimestamp = double.NaN;
    private double _firstTimestamp = double.NaN;

    /// <summary>Skipped records by W&amp;B's name of their type (files, stats, telemetry, ...).</summary>
    public SortedDictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>History values that are not numbers (media, strings, booleans, lists), left out.</summary>
    public long NonNumericValues { get; private set; }

    /// <summary>The keys of those values.</summary>
    public SortedSet<string> NonNumericKeys { get; } = new(StringComparer.Ordinal);

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
            Rows = _history.Count,
            LastStep = _lastStep,
            Config = _config,
            Summary = _summary,
            Last = _last,
        };
        return new ImportedRun(path, metadata, state, _history, Skipped);
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

    /// <summary>Adds one item of the history row being read; <see cref="EndHistoryRow"/> ends the row.</summary>
    public void AddHistoryItem(string key, ReadOnlySpan<byte> valueJson)
    {
        switch (key)
        {
            case ExportRecords.StepKey:
                _itemStep = ValueJson.TryParseNumber(valueJson, out var step) ? (long)step : null;
                return;
            case ExportRecords.RuntimeKey:
                _runtime = ValueJson.TryParseNumber(valueJson, out var runtime) ? runtime : 0;
                return;
            case ExportRecords.TimestampKey:
                _timestamp = ValueJson.TryParseNumber(valueJson, out var timestamp) ? timestamp : double.NaN;
                return;
        }

        // W&B refuses items without a key; its own _wandb values are not metrics.
        if (key.Length == 0 || key.StartsWith(InternalKey, StringComparison.Ordinal))
        {
            return;
        }

        if (ValueJson.TryParseNumber(valueJson, out var number))
        {
            SetRowValue(key, number);
            return;
        }

        // Older clients log a dictionary under one key: its numbers become key.sub columns, as W&B shows them.
        if (valueJson[0] == (byte)'{' && ValueJson.Parse(Encoding.UTF8.GetString(valueJson.ToArray())) is Dictionary<string, object?> nested && !nested.ContainsKey("_type"))
        {
            foreach (var pair in nested)
            {
                AddHistoryItem(key + "." + pair.Key, Encoding.UTF8.GetBytes(ValueJson.Write(pair.Value)));
            }

            return;
        }

        NonNumericValues++;
        NonNumericKeys.Add(key);
    }

    /// <summary>
    /// Ends the history row: its step is <paramref name="step"/> (W&amp;B's <c>step.num</c>), else its <c>_step</c>
    /// item, else the step after the previous row's.
    /// </summary>
    public void EndHistoryRow(long? step)
    {
        var rowStep = step ?? _itemStep ?? (_lastStep is { } previous ? previous + 1 : 0);
        var timestamp = double.IsNaN(_timestamp) ? StartSeconds() + _runtime : _timestamp;
        // The line format takes exact-length arrays; rows of a run mostly have the same length, so they are reused.
        if (_exactKeys.Length != _rowCount)
        {
            _exactKeys = new string[_rowCount];
            _exactValues = new double[_rowCount];
        }

        Array.Copy(_rowKeys, _exactKeys, _rowCount);
        Array.Copy(_rowValues, _exactValues, _rowCount);
        for (var i = 0; i < _rowCount; i++)
        {
            _last[_rowKeys[i]] = _rowValues[i];
        }

        _line.Clear();
        _format.Append(_line, new PendingRow(rowStep, _runtime, timestamp, _exactKeys, _exactValues));
        _history.Add(rowStep, Math.Round(timestamp, 6), _line, _line.Length - 1);
        _lastStep = rowStep;
        _lastTimestamp = timestamp;
        _firstTimestamp = double.IsNaN(_firstTimestamp) ? timestamp : _firstTimestamp;
        _rowCount = 0;
        _itemStep = null;
        _runtime = 0;
        _timestamp = double.NaN;
    }

    private void AddHistory(HistoryRecord history)
    {
        foreach (var item in history.Item)
        {
            var key = item.NestedKey.Count > 0 ? string.Join(".", item.NestedKey) : item.Key;
            AddHistoryItem(key, Encoding.UTF8.GetBytes(item.ValueJson));
        }

        EndHistoryRow(history.Step?.Num);
    }

    // A key logged twice in one row keeps its place and takes the last value; rows are short, so a linear search.
    private void SetRowValue(string key, double value)
    {
        for (var i = 0; i < _rowCount; i++)
        {
            if (string.Equals(_rowKeys[i], key, StringComparison.Ordinal))
            {
                _rowValues[i] = value;
                return;
            }
        }

        if (_rowCount == _rowKeys.Length)
        {
            Array.Resize(ref _rowKeys, _rowCount * 2);
            Array.Resize(ref _rowValues, _rowCount * 2);
        }

        _rowKeys[_rowCount] = key;
        _rowValues[_rowCount++] = value;
    }

    private double StartSeconds() => _run?.StartTime is { } start ? start.ToDateTimeOffset().ToUnixTimeMilliseconds() / 1000.0 : 0;

    private DateTimeOffset FirstRowTime() =>
        double.IsNaN(_firstTimestamp) ? DateTimeOffset.FromUnixTimeSeconds(0) : DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(_firstTimestamp * 1000));

    // The PostgreSQL store keeps microseconds: a finer start time would not compare equal on the next import.
    private static DateTimeOffset ToMicroseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);

    private static IReadOnlyList<string> PathOf(RepeatedField<string> nestedKey, string key) => nestedKey.Count > 0 ? nestedKey : new[] { key };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
