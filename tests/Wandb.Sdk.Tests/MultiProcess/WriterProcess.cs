using System.Diagnostics;

namespace Wandb.Sdk.Tests.MultiProcess;

/// <summary>Starts tests/Wandb.Sdk.TestWriter as a real separate process with the given WANDB_* variables.</summary>
internal static class WriterProcess
{
    public static string AssemblyPath
    {
        get
        {
            // bin/<Configuration>/<tfm>/ of this test project mirrors the writer's.
            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var tfm = here.Name;
            var configuration = here.Parent!.Name;
            var tests = here.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(tests, "Wandb.Sdk.TestWriter", "bin", configuration, tfm, "Wandb.Sdk.TestWriter.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/Wandb.Sdk.TestWriter first.", path);
        }
    }

    public static Process Start(string arguments, IReadOnlyDictionary<string, string> environment)
    {
        var variables = new Dictionary<string, string?> { ["WANDB_DISABLE_GIT"] = "true" };
        foreach (var pair in environment)
        {
            variables[pair.Key] = pair.Value;
        }

        return ProcessRunner.Start("dotnet", arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Prepend(AssemblyPath), variables);
    }

    public static void WaitForSuccess(Process process)
    {
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Writer process timed out.");
        }

        Assert.AreEqual(0, process.ExitCode, stdout.Result + stderr.Result);
    }
}
