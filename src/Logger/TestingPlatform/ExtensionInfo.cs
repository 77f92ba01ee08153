namespace Wandb.TestLogger.TestingPlatform;

/// <summary>Identity shared by the extension's parts (the platform matches them by uid).</summary>
internal static class ExtensionInfo
{
    public const string Uid = "WandbReporter";

    public const string DisplayName = "Wandb test reporter";

    public const string Description = "Records one Wandb run per test result in one group per test run (--report-wandb).";

    public static string Version => typeof(ExtensionInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
