using Wandb.Runs;

namespace Wandb.Storage;

/// <summary>How one process appends to one run. Called from the run's background writer thread only.</summary>
internal interface IRunWriter : IDisposable
{
    /// <summary>Appends rows and hands them to the operating system; throws on I/O failure, leaving no partial row behind when it can.</summary>
    void AppendRows(IReadOnlyList<PendingRow> rows);

    /// <summary>Replaces this writer's state (config, summary, heartbeat, state).</summary>
    void WriteState(WriterStateFile state, bool durable);

    /// <summary>Forces appended rows to the device.</summary>
    void FlushDurable();
}
