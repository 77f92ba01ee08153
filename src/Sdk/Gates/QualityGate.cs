using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// The quality gate and its baselines over a store, shared by every front end: the MSBuild tasks call it after
/// the tracked targets, and <c>WandbSaveBaseline</c> writes a group's statistics to a baseline file.
/// </summary>
internal static class QualityGate
{
    /// <exception cref="InvalidDataException">The baseline file is not one this version reads.</exception>
    public static GateOutcome Evaluate(RunStore store, GateRequest request)
    {
        var projectRuns = store.ListRuns(new RunFilter { Project = request.Project }).ToList();
        var resolution = BaselineResolver.Resolve(request.Baseline, request.Group, projectRuns, request.BaselineBranch, request.BaseDirectory);
        var groupRuns = projectRuns.Where(r => r.Group == request.Group).ToList();
        var results = GateEvaluator.Evaluate(request.Rules, request.Group, groupRuns, resolution.Baseline, request.Goals, resolution.Missing);
        if (request.Since is { } since)
        {
            var recent = new HashSet<string>(groupRuns.Where(r => r.CreatedAt >= since).Select(r => r.JobType).OfType<string>(), StringComparer.Ordinal);
            results = results.Where(r => recent.Contains(r.JobType)).ToList();
        }

        if (request.JobTypes is { } jobTypes)
        {
            results = results.Where(r => jobTypes.Contains(r.JobType)).ToList();
        }

        return new GateOutcome(resolution, results);
    }

    /// <summary>
    /// Writes the statistics of <paramref name="group"/> (default: the project's group whose last run started last) to
    /// <paramref name="path"/>, and returns what was written.
    /// </summary>
    /// <exception cref="InvalidOperationException">The project has no runs, or none in the group.</exception>
    public static Baseline SaveBaseline(RunStore store, string project, string? group, string path)
    {
        var projectRuns = store.ListRuns(new RunFilter { Project = project }).Where(r => r.Group is not null).ToList();
        if (projectRuns.Count == 0)
        {
            throw new InvalidOperationException($"the store {store.Location} has no grouped runs of project {project}, so there is no group to save.");
        }

        group ??= LatestGroup(projectRuns)!;
        var runs = projectRuns.Where(r => r.Group == group).ToList();
        if (runs.Count == 0)
        {
            throw new InvalidOperationException($"the store {store.Location} has no runs of project {project} in group {group}.");
        }

        var baseline = Baseline.FromGroup(group, runs);
        BaselineFile.Write(path, baseline, project);
        return baseline;
    }

    /// <summary>The group whose last run started last, or null when no run has a group: what is saved or gated when no group is named.</summary>
    public static string? LatestGroup(IEnumerable<StoredRun> runs) =>
        runs.Where(r => r.Group is not null).GroupBy(r => r.Group!, StringComparer.Ordinal).OrderByDescending(g => g.Max(r => r.CreatedAt)).FirstOrDefault()?.Key;
}
