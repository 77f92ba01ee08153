namespace Wandb.Cli.Terminal;

/// <summary>
/// Calls back on the reporting thread, at once. <see cref="Progress{T}"/> posts to the thread pool instead, so
/// its last report could arrive after the command printed its result.
/// </summary>
internal sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> _report;

    public SynchronousProgress(Action<T> report) => _report = report;

    public void Report(T value) => _report(value);
}
