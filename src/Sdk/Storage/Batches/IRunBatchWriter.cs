namespace Wandb.Storage.Batches;

/// <summary>
/// Records many finished runs cheaply, for a producer that has thousands of them at once (the test logger's
/// one run per test result). Used from one thread. Records may be buffered until <see cref="Flush"/>.
/// </summary>
internal interface IRunBatchWriter : IDisposable
{
    /// <summary>Records still buffered: lost if the process ends before the next successful <see cref="Flush"/>.</summary>
    int Pending { get; }

    /// <summary>Adds a finished run. Attaches to the run when it already exists (a test that opened its run itself).</summary>
    void Append(RunBatchRecord record);

    /// <summary>Hands buffered records to the store; on failure throws and keeps them for the next flush.</summary>
    void Flush();
}
