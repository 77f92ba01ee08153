using Wandb.Settings;
using Wandb.Storage;

namespace Wandb.Cli.Commands;

/// <summary>
/// The project a command about one project's groups works on: <c>--project</c>, else <c>WANDB_PROJECT</c>, else the
/// store's only project, so a store of one project needs no option and a store of several never has one guessed.
/// </summary>
internal static class ProjectChoice
{
    public const string OptionName = "--project";

    /// <exception cref="CommandFailure">The store holds no runs, or runs of several projects and none was named.</exception>
    public static string Resolve(string? given, CliContext context, RunStore store)
    {
        var named = NonEmpty(given) ?? NonEmpty(context.Environment.Get(WandbVariables.Project));
        if (named is not null)
        {
            return named;
        }

        var projects = store.ListRuns().Select(r => r.Project).Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        return projects.Count switch
        {
            0 => throw CommandFailure.Failed($"The store {store.Location} has no runs, so there is no project to work on."),
            1 => projects[0],
            _ => throw CommandFailure.Usage($"{OptionName}: the store {store.Location} holds runs of several projects ({string.Join(", ", projects)}); name one with {OptionName} or WANDB_PROJECT."),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
