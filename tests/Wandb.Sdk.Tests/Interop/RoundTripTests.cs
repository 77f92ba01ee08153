using Wandb.Interop.Export;
using Wandb.Interop.Import;

namespace Wandb.Sdk.Tests.Interop;

[TestClass]
public sealed class RoundTripTests
{
    [TestMethod]
    public void Runs_exported_to_W_and_B_and_imported_into_another_store_read_back_identical()
    {
        using var source = new TempStore();
        using var target = new TempStore();
        var exported = Path.Combine(target.Root, "exported");
        var ids = InteropRuns.Write(options => source.Init(options), source.Reader(), "cv-roundtrip");

        var exportProgress = new RecordingProgress<WandbExportProgress>();
        var importProgress = new RecordingProgress<WandbImportProgress>();
        var export = WandbExporter.Export(source.Reader(), new WandbExportOptions { OutputDirectory = exported }, source.Output, exportProgress);
        var import = WandbImporter.Import(new[] { exported }, target.Reader(), target.Output, importProgress);

        Assert.AreEqual((3, 1, 13L), (export.Runs, export.RunsWithoutExit, export.HistoryRows));
        Assert.AreEqual((3, 3, 13L, 0), (import.Files, import.RunsAdded, import.RowsAdded, import.Rejected.Count));
        CollectionAssert.AreEquivalent(new[] { 1, 2, 3 }, exportProgress.Reports.Select(p => p.RunsDone).ToList(), "one progress report per run");
        CollectionAssert.AreEquivalent(ids.ToList(), exportProgress.Reports.Select(p => p.RunId).ToList());
        CollectionAssert.AreEquivalent(new[] { (1, 3), (2, 3), (3, 3) }, importProgress.Reports.Select(p => (p.FilesDone, p.FilesTotal)).ToList());
        var before = source.Reader();
        var after = target.Reader();
        foreach (var id in ids)
        {
            Assert.AreEqual(InteropRuns.Describe(before.GetRun(id)!), InteropRuns.Describe(after.GetRun(id)!), $"run {id}");
            Assert.AreEqual(InteropRuns.DescribeHistory(before.ReadHistory(id)), InteropRuns.DescribeHistory(after.ReadHistory(id)), $"history of run {id}");
        }

        CollectionAssert.AreEquivalent(new[] { RunState.Finished, RunState.Failed, RunState.Crashed }, ids.Select(id => after.GetRun(id)!.State).ToList());
        Assert.AreEqual(0, target.Output.Warnings.Count, string.Join("\n", target.Output.Lines));
    }

    // Progress<T> reports on the thread pool; this keeps every report, synchronously, for the assertions.
    private sealed class RecordingProgress<T> : IProgress<T>
    {
        private readonly List<T> _reports = new();

        public IReadOnlyList<T> Reports
        {
            get
            {
                lock (_reports)
                {
                    return _reports.ToList();
                }
            }
        }

        public void Report(T value)
        {
            lock (_reports)
            {
                _reports.Add(value);
            }
        }
    }
}
