using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Settings;

namespace Wandb.Runs;

/// <summary>
/// Which run a <c>Run.Init</c> lands in when a tracked target started the process (docs/msbuild.md, "Which
/// run a program's Run.Init lands in"). The first plain <c>Run.Init()</c> of the process joins the target's
/// run. A <c>Run.Init</c> whose options name another run (a name, job type, group or project other than
/// the target run's), and every <c>Run.Init</c> after the process joined, creates a new run, in the target's
/// group unless the options name another, so the histories of different <c>Run.Init</c> calls are never
/// joined end to end. Only a resume the user asked for (an explicit id or resume mode, or a
/// <c>WANDB_RESUME</c> other than the target's <c>allow</c>) keeps the handed-down id. The first new run
/// says so once per process, as information: it is what the program asked for, not a problem.
/// </summary>
internal sealed class TargetRunAttachment
{
    /// <summary>The process's own: a target's run is joined at most once per process.</summary>
    public static readonly TargetRunAttachment Process = new();

    private int _joined;
    private int _announced;

    /// <summary>The settings this <c>Run.Init</c> runs with: <paramref name="settings"/> when it joins the target's run (or there is none), else the same without the handed-down id.</summary>
    /// <param name="options">What the caller asked for.</param>
    /// <param name="settings">The options combined with the variables.</param>
    /// <param name="env">The process's variables, where the target's run is handed down.</param>
    /// <param name="output">Where the one line about new runs goes.</param>
    public WandbSettings Resolve(RunOptions options, WandbSettings settings, IEnvironmentVariables env, IWandbOutput output)
    {
        var target = TargetRun.From(env);
        if (target is null || settings.RunId != target.Id || AskedForResume(options, env))
        {
            return settings;
        }

        var otherRun = OtherRun(options, target);
        if (otherRun is null && Interlocked.Exchange(ref _joined, 1) == 0)
        {
            return settings;
        }

        if (!settings.Silent && Interlocked.Exchange(ref _announced, 1) == 0)
        {
            var why = otherRun is null
                ? $"this process already joined target {target.JobType}'s run {target.Id}, so this Run.Init"
                : $"Run.Init names another run than target {target.JobType}'s run {target.Id} ({otherRun}), so it";
            output.Info($"{why} starts a new run in group {settings.Group ?? "(none)"}. Every Run.Init of this process does, except the first plain Run.Init(), which joins the target's run.");
        }

        return settings with { RunId = null, Resume = ResumeMode.Allow };
    }

    private static bool AskedForResume(RunOptions options, IEnvironmentVariables env) =>
        options.Id is not null
        || options.Resume is not null
        || (env.Get(WandbVariables.Resume) is { } resume && !resume.Trim().Equals("allow", StringComparison.OrdinalIgnoreCase));

    /// <summary>What in <paramref name="options"/> names a run other than <paramref name="target"/>, for the message; null when nothing does.</summary>
    private static string? OtherRun(RunOptions options, TargetRun target)
    {
        var differences = new[]
            {
                Differs("name", options.Name, target.Name),
                Differs("job_type", options.JobType, target.JobType),
                Differs("group", options.Group, target.Group),
                Differs("project", options.Project, target.Project),
            }
            .Where(d => d is not null)
            .ToList();
        return differences.Count == 0 ? null : string.Join(", ", differences);
    }

    private static string? Differs(string field, string? asked, string? target) =>
        string.IsNullOrWhiteSpace(asked) || string.Equals(asked!.Trim(), target, StringComparison.Ordinal) ? null : $"{field} '{asked.Trim()}'";
}
