using Wandb.Reports;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Storage;

/// <summary>
/// The old content of a file replaced atomically stays open until it is released, then is closed: a refresh does not pay
/// for freeing its old reports, and nothing stays open after it. Checked through the process's open files, so on Linux only.
/// </summary>
[TestClass]
public sealed class ReplacedFilesTests
{
    [TestMethod]
    public async Task A_replaced_file_stays_open_until_released_while_the_new_content_is_in_place()
    {
        RequireProcFileDescriptors();
        using var folder = new TempFolder("replaced");
        var path = Path.Combine(folder.Path, "runs.json");
        File.WriteAllText(path, "old");
        var replaced = new ReplacedFiles();

        AtomicFile.Write(path, writer => writer.Write("new"), replaced);

        Assert.AreEqual("new", File.ReadAllText(path));
        Assert.AreEqual(1, DeletedFilesOpenUnder(folder.Path).Count, "the old runs.json is held open past the rename");
        await replaced.Release();
        Assert.AreEqual(0, DeletedFilesOpenUnder(folder.Path).Count, "releasing closes it");
        Assert.AreEqual(1, Directory.GetFiles(folder.Path).Length, "no temporary file is left beside it");
    }

    [TestMethod]
    public void A_file_written_for_the_first_time_holds_nothing()
    {
        RequireProcFileDescriptors();
        using var folder = new TempFolder("replaced");
        var path = Path.Combine(folder.Path, "summary.md");
        var replaced = new ReplacedFiles();

        AtomicFile.Write(path, writer => writer.Write("# first"), replaced);

        Assert.AreEqual("# first", File.ReadAllText(path));
        Assert.AreEqual(0, OpenFilesUnder(folder.Path).Count);
        Assert.AreSame(Task.CompletedTask, replaced.Release(), "there was nothing to close");
    }

    [TestMethod]
    public async Task Reports_written_over_earlier_ones_leave_none_of_them_open()
    {
        RequireProcFileDescriptors();
        using var store = new TempStore();
        store.AddRun("cv", "fold-0", new Dictionary<string, object?> { ["accuracy"] = 0.8 });
        var first = ReportWriter.WriteAll(store.Reader());
        await first.ReplacedFilesClosed;
        store.AddRun("cv", "fold-1", new Dictionary<string, object?> { ["accuracy"] = 0.9 });

        var second = ReportWriter.WriteAll(store.Reader());
        await second.ReplacedFilesClosed;

        StringAssert.Contains(File.ReadAllText(second.JsonPath!), "fold-1", "runs.json is the new one");
        StringAssert.Contains(File.ReadAllText(second.HtmlPath!), "fold-1", "so is the page");
        Assert.AreEqual(0, DeletedFilesOpenUnder(second.Directory).Count, "index.html, runs.json and summary.md of the first report are closed");
    }

    private static void RequireProcFileDescriptors()
    {
        if (!ReplacedFiles.Holds || !Directory.Exists("/proc/self/fd"))
        {
            Assert.Inconclusive("Replaced files are held only where /proc/self/fd lists what the process has open (Linux).");
        }
    }

    /// <summary>The targets of this process's open file descriptors under <paramref name="folder"/>.</summary>
    private static List<string> OpenFilesUnder(string folder)
    {
        var targets = new List<string>();
        foreach (var descriptor in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(descriptor).LinkTarget is { } target && target.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    targets.Add(target);
                }
            }
            catch (IOException)
            {
                // A descriptor closed while the folder was listed.
            }
        }

        return targets;
    }

    /// <summary>Open files under <paramref name="folder"/> whose name is gone: the kernel marks them "(deleted)".</summary>
    private static List<string> DeletedFilesOpenUnder(string folder) =>
        OpenFilesUnder(folder).Where(t => t.EndsWith(" (deleted)", StringComparison.Ordinal)).ToList();
}
