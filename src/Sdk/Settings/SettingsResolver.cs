using Wandb.Environment;

namespace Wandb.Settings;

/// <summary>Combines <see cref="RunOptions"/> with <c>WANDB_*</c> variables: an explicit option always wins, then the variable, then the default.</summary>
internal static class SettingsResolver
{
    public const string DefaultProject = "uncategorized";

    public static WandbSettings Resolve(RunOptions options, IEnvironmentVariables env, string currentDirectory)
    {
        var (mode, online) = ParseMode(options.Mode, env.Get(WandbVariables.Mode));
        var runId = options.Id ?? env.Get(WandbVariables.RunId);
        if (runId is not null)
        {
            RunId.Validate(runId, options.Id is not null ? nameof(RunOptions.Id) : WandbVariables.RunId);
        }

        return new WandbSettings
        {
            Project = NonEmpty(options.Project) ?? env.Get(WandbVariables.Project) ?? DefaultProject,
            StoreDirectory = StoreLocator.Resolve(NonEmpty(options.Dir) ?? env.Get(WandbVariables.Dir), currentDirectory),
            Mode = mode,
            OnlineRequested = online,
            Name = NonEmpty(options.Name) ?? env.Get(WandbVariables.Name),
            Notes = NonEmpty(options.Notes) ?? env.Get(WandbVariables.Notes),
            Tags = options.Tags is { Count: > 0 } tags ? CleanTags(tags) : ParseTags(env.Get(WandbVariables.Tags)),
            RunId = runId,
            Resume = options.Resume ?? ParseResume(env.Get(WandbVariables.Resume)),
            Group = NonEmpty(options.Group) ?? env.Get(WandbVariables.RunGroup),
            JobType = NonEmpty(options.JobType) ?? env.Get(WandbVariables.JobType),
            DisableGit = IsTrue(env.Get(WandbVariables.DisableGit)),
            Silent = IsTrue(env.Get(WandbVariables.Silent)),
        };
    }

    public static (WandbMode Mode, bool OnlineRequested) ParseMode(WandbMode? explicitMode, string? variable)
    {
        if (explicitMode is { } mode)
        {
            return (mode, false);
        }

        switch (variable?.Trim().ToLowerInvariant())
        {
            case null:
            case "offline":
            case "dryrun":
                return (WandbMode.Offline, false);
            case "disabled":
                return (WandbMode.Disabled, false);
            case "online":
            case "run":
            case "shared":
                return (WandbMode.Offline, true);
            default:
                throw new ArgumentException(
                    $"{WandbVariables.Mode} has the value '{variable}'; expected 'offline' (default), 'disabled' or 'online' (recorded offline).",
                    WandbVariables.Mode);
        }
    }

    public static ResumeMode ParseResume(string? variable) => variable?.Trim().ToLowerInvariant() switch
    {
        null or "allow" or "auto" or "true" => ResumeMode.Allow,
        "must" => ResumeMode.Must,
        "never" or "false" => ResumeMode.Never,
        _ => throw new ArgumentException(
            $"{WandbVariables.Resume} has the value '{variable}'; expected 'allow' (default), 'must' or 'never'.",
            WandbVariables.Resume),
    };

    public static IReadOnlyList<string> ParseTags(string? variable) =>
        variable is null ? Array.Empty<string>() : CleanTags(variable.Split(','));

    private static IReadOnlyList<string> CleanTags(IEnumerable<string> tags) =>
        tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToArray();

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static bool IsTrue(string? value) =>
        value is not null && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
