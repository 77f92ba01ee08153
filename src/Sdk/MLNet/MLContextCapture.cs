using Microsoft.ML;
using Microsoft.ML.Runtime;
using Wandb.Diagnostics;
using Wandb.Storage.Folder;

namespace Wandb.MLNet;

/// <summary>
/// Listens to <c>MLContext.Log</c> for a run: copies messages to the run's output log and turns FastTree's
/// evaluation messages into learning-curve history rows. Dispose it (or the run's using block ends) to stop.
/// Created by <see cref="MLContextExtensions.CaptureTo"/>.
/// </summary>
public sealed class MLContextCapture : IDisposable
{
    private readonly MLContext _mlContext;
    private readonly Run _run;
    private readonly MLContextCaptureOptions _options;
    private readonly OutputLogFile? _log;
    private readonly object _gate = new();
    private int _curveRows;
    private bool _disposed;

    internal MLContextCapture(MLContext mlContext, Run run, MLContextCaptureOptions options, IWandbOutput output)
    {
        _mlContext = mlContext;
        _run = run;
        _options = options;
        if (options.WriteOutputLog && run.WriterId is { } writer && run.StoreLocation is { } location)
        {
            var runDirectory = new StoreLayout(location).RunDirectory(run.Id);
            if (Directory.Exists(runDirectory))
            {
                _log = new OutputLogFile(Path.Combine(runDirectory, writer + OutputLogSuffix), output);
            }
        }

        _mlContext.Log += OnLog;
    }

    /// <summary>File name suffix of a writer's output log in the run folder.</summary>
    internal const string OutputLogSuffix = ".output.log";

    /// <summary>The output log file, or null when none is written (disabled run, non-folder store, or switched off).</summary>
    public string? OutputLogPath => _log?.Path;

    /// <summary>Messages copied to the output log so far.</summary>
    public int MessagesWritten => _log?.LinesWritten ?? 0;

    /// <summary>Learning-curve rows logged so far.</summary>
    public int CurveRows
    {
        get
        {
            lock (_gate)
            {
                return _curveRows;
            }
        }
    }

    /// <summary>Stops listening and closes the output log.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _mlContext.Log -= OnLog;
        _log?.Dispose();
    }

    private void OnLog(object? sender, LoggingEventArgs e)
    {
        // ML.NET raises the event on its own threads; nothing here may throw into the trainer.
        try
        {
            var message = e.RawMessage ?? e.Message ?? string.Empty;
            if (_log is not null && e.Kind >= _options.MinimumKind)
            {
                _log.Append(DateTimeOffset.UtcNow, $"[{e.Kind}] {e.Source}:", message);
            }

            if (_options.LogLearningCurves && e.Kind == ChannelMessageKind.Info && TrainingProgressParser.TryParse(e.Source ?? string.Empty, message) is { } row)
            {
                lock (_gate)
                {
                    if (_disposed)
                    {
                        return;
                    }

                    _curveRows++;
                    if (_options.TestFrequency is > 0 and var frequency)
                    {
                        var trees = (long)_curveRows * frequency;
                        if (_options.NumberOfTrees is > 0 and var total && trees > total)
                        {
                            trees = total;
                        }

                        row["trees"] = trees;
                    }

                    _run.Log(row);
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            // A malformed metric name or a closed run must not stop training; the log line already says what happened.
        }
    }
}
