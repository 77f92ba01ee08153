using System.Diagnostics;

namespace Wandb.TestSupport;

/// <summary>
/// The environment of every process the tests and benchmarks start: the variables of whatever runs them
/// (`dotnet test`, `dotnet run`, a CI job, a wandb-tracked session) are removed, so a child behaves as it
/// would on a user's machine and only through what the test sets on purpose.
/// </summary>
public static class ChildEnvironment
{
    // Matched case-insensitively at the start of the name.
    private static readonly string[] RemovedPrefixes =
    {
        // The product's own settings: the outer session's WANDB_DIR, WANDB_RUN_ID, WANDB_RUN_GROUP, WANDB_MODE,
        // WANDB_STORE or WANDB_TEST_LOGGER would send the child's runs to another store, run or group. The
        // harness's WANDB_TEST_* (the PostgreSQL server, Chromium) are read by the test process only.
        "WANDB_",

        // MSBuild's settings for the build that started the tests (MSBuildExtensionsPath, MSBuildSDKsPath,
        // MSBuildLoadMicrosoftTargetsReadOnly, MSBUILDNOINPROCNODE, ...): a child build resolves its own SDK.
        "MSBUILD",

        // The outer test session's settings (VSTEST_*, TESTINGPLATFORM_*): a child `dotnet test` starts its own.
        "VSTEST",
        "TESTINGPLATFORM",

        // CI systems. The product derives the group from the CI run (GITHUB_RUN_ID, BUILD_BUILDID, CI_PIPELINE_ID)
        // and writes job summaries (GITHUB_STEP_SUMMARY, TF_BUILD); the dotnet CLI changes its output under CI.
        "GITHUB_",
        "TF_BUILD",
        "BUILD_",
        "SYSTEM_",
        "CI_",
    };

    private static readonly string[] RemovedNames =
    {
        // CI markers the dotnet CLI and test frameworks read (plain output, no progress).
        "CI",
        "GITLAB_CI",

        // The dotnet host of the outer MSBuild; a child `dotnet` sets its own.
        "DOTNET_HOST_PATH",
    };

    // Set on every child; a test may override or remove any of them (a null value removes).
    private static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>
    {
        // Nothing but the command's own output: no banner, first-run text or telemetry notice.
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",

        // Tests match MSBuild's English messages ("Build succeeded", "error MSB3073").
        ["DOTNET_CLI_UI_LANGUAGE"] = "en",

        // No MSBuild node outlives the test holding an earlier package's tasks assembly.
        ["MSBUILDDISABLENODEREUSE"] = "1",
    };

    /// <summary>Cleans <paramref name="start"/>'s environment, then applies the defaults and <paramref name="environment"/>.</summary>
    public static void Apply(ProcessStartInfo start, IReadOnlyDictionary<string, string?>? environment = null)
    {
        foreach (var name in start.Environment.Keys.Where(IsRemoved).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var pair in Defaults)
        {
            start.Environment[pair.Key] = pair.Value;
        }

        foreach (var pair in environment ?? new Dictionary<string, string?>())
        {
            if (pair.Value is null)
            {
                start.Environment.Remove(pair.Key);
            }
            else
            {
                start.Environment[pair.Key] = pair.Value;
            }
        }
    }

    private static bool IsRemoved(string name) =>
        RemovedNames.Contains(name, StringComparer.OrdinalIgnoreCase)
        || RemovedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
