using System.Diagnostics;

namespace Wandb.Report.BrowserTests.Live;

/// <summary>tests/Wandb.Sdk.TestWriter started as its own process: a training program logging into the store.</summary>
internal static class WriterProcess
{
    public static Process Start(string store, string group, int rows)
    {
        // bin/<Configuration>/<tfm>/ of this test project mirrors the writer's.
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var tests = here.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "Wandb.Sdk.TestWriter", "bin", here.Parent!.Name, here.Name, "Wandb.Sdk.TestWriter.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{path}\" {rows}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("WANDB_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["WANDB_DIR"] = store;
        start.Environment["WANDB_RUN_GROUP"] = group;
        start.Environment["WANDB_JOB_TYPE"] = "train";
        start.Environment["WANDB_DISABLE_GIT"] = "true";
        return Process.Start(start)!;
    }
}
