using System.Diagnostics;
using System.Text;
using Wandb.Diagnostics;
using Wandb.Reports;
using Wandb.Reports.Html;
using Wandb.Storage;
using Wandb.Storage.Watching;

namespace Wandb.Cli.Ui;

/// <summary>
/// The store's page data, kept current: a background loop probes the store cheaply several times a second
/// (<see cref="IStoreProbe"/>) and rebuilds the data only when something changed, spacing rebuilds by their
/// cost. Every browser is served the same cached <see cref="LiveSnapshot"/> and told of a new one through
/// <see cref="WaitForNewerAsync"/>.
/// </summary>
internal sealed class LiveReport : IDisposable
{
    private readonly RunStore _store;
    private readonly IStoreProbe _probe;
    private readonly LiveReportOptions _options;
    private readonly IWandbOutput _output;
    private readonly LivePage _page = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<LiveSnapshot> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<LiveSnapshot> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LiveSnapshot? _current;
    private Task? _loop;
    private bool _failing;

    public LiveReport(RunStore store, IStoreProbe probe, LiveReportOptions options, IWandbOutput output)
    {
        _store = store;
        _probe = probe;
        _options = options;
        _output = output;
    }

    public string ContentSecurityPolicy => _page.ContentSecurityPolicy;

    /// <summary>The newest snapshot; completes once the first one is built.</summary>
    public Task<LiveSnapshot> CurrentAsync() => _current is { } current ? Task.FromResult(current) : _first.Task;

    /// <summary>Completes with the first snapshot newer than <paramref name="version"/>.</summary>
    public Task<LiveSnapshot> WaitForNewerAsync(long version)
    {
        var current = _current;
        return current is not null && current.Version > version ? Task.FromResult(current) : Volatile.Read(ref _next).Task;
    }

    /// <summary>Builds the first snapshot, then follows the store in the background.</summary>
    public void Start() => _loop = Task.Run(() => FollowAsync(_stop.Token));

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; anything else it met was reported while it ran.
        }

        (_probe as IDisposable)?.Dispose();
        _stop.Dispose();
    }

    private async Task FollowAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long? quick = null;
        long? full = null;
        var lastFullCheck = TimeSpan.Zero;
        TimeSpan? lastBuild = null;
        var buildCost = TimeSpan.Zero;
        var changed = true;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var running = _current?.RunningRunIds ?? Array.Empty<string>();
                var quickNow = _probe.Quick(running);
                changed |= quick != quickNow;
                quick = quickNow;
                if (clock.Elapsed - lastFullCheck >= _options.FullCheckInterval || full is null)
                {
                    var fullNow = _probe.Full();
                    changed |= full != fullNow;
                    full = fullNow;
                    lastFullCheck = clock.Elapsed;
                }

                var sinceBuild = lastBuild is { } last ? clock.Elapsed - last : TimeSpan.MaxValue;
                var refreshDue = running.Count > 0 && sinceBuild >= _options.RunningRefreshInterval;
                var spacing = TimeSpan.FromTicks((long)(buildCost.Ticks * _options.RebuildSpacing));
                if ((changed || refreshDue) && sinceBuild >= spacing)
                {
                    var started = clock.Elapsed;
                    Publish(Build());
                    lastBuild = clock.Elapsed;
                    buildCost = clock.Elapsed - started;
                    changed = false;
                }

                Recovered();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store may come back (a server restart, a folder being copied): keep serving the last data.
                // Whatever went wrong is reported, never allowed to end the loop silently.
                Failing(ex);
            }

            try
            {
                await Task.Delay(_options.PollInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private LiveSnapshot Build()
    {
        // The same model and budget as the report file (ReportOptions.MaxDetailRuns): a large store's page carries
        // the newest groups in full and the others by their aggregates, with the note saying so.
        var model = ReportModel.Build(_store, new ReportOptions { MaxDetailRuns = _options.MaxDetailRuns }, DateTimeOffset.UtcNow);
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), TextBuffers.Chars, leaveOpen: true))
        {
            HtmlReportWriter.WriteData(writer, _store, model.Detail.Runs, HtmlReportWriter.OptionsFor(model));
        }

        var running = model.Runs.Where(r => r.State == RunState.Running).Select(r => r.Id).ToList();
        var version = (_current?.Version ?? 0) + 1;
        return new LiveSnapshot(version, buffer.ToArray(), running, model.RunCount, snapshot => _page.Render(snapshot, _options.Title));
    }

    private void Publish(LiveSnapshot snapshot)
    {
        _current = snapshot;
        _first.TrySetResult(snapshot);
        var waiting = Interlocked.Exchange(ref _next, new TaskCompletionSource<LiveSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously));
        waiting.TrySetResult(snapshot);
    }

    private void Failing(Exception ex)
    {
        if (!_failing)
        {
            _failing = true;
            _output.Warning(WarningCodes.LiveStoreUnreadable, $"Cannot read {_store.Location} ({ex.Message}); the page keeps showing the last data and the store is tried again.");
        }

        if (_current is null)
        {
            _first.TrySetException(ex);
        }
    }

    private void Recovered()
    {
        if (_failing)
        {
            _failing = false;
            _output.Info($"{_store.Location} can be read again; the page is live.");
        }
    }
}
