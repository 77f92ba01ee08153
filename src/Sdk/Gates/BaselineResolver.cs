using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// Finds what a group is compared with (<c>WandbBaseline</c>): <c>auto</c> (the default) is the most recent finished
/// group of the same project that has every job type of the current group, on the default branch when the current
/// runs record one (<c>WandbBaselineBranch</c>, else <c>main</c> or <c>master</c>), and never the current group;
/// a value ending in <c>.json</c> is a baseline file; anything else names a group.
/// </summary>
internal static class BaselineResolver
{
    public const string Auto = "auto";

    private static readonly string[] DefaultBranches = { "main", "master" };

    /// <param name="setting">The <c>WandbBaseline</c> value; null or empty is <c>auto</c>.</param>
    /// <param name="group">The group being gated.</param>
    /// <param name="projectRuns">Every run of the group's project in the store, the group's own included.</param>
    /// <param name="branch"><c>WandbBaselineBranch</c>, or null for main / master.</param>
    /// <param name="baseDirectory">What a relative baseline file path is relative to.</param>
    /// <exception cref="InvalidDataException">The baseline file exists but is not one this version reads.</exception>
    public static BaselineResolution Resolve(string? setting, string group, IReadOnlyCollection<StoredRun> projectRuns, string? branch, string baseDirectory)
    {
        setting = string.IsNullOrWhiteSpace(setting) ? Auto : setting!.Trim();
        if (string.Equals(setting, Auto, StringComparison.OrdinalIgnoreCase))
        {
            return Automatic(group, projectRuns, string.IsNullOrWhiteSpace(branch) ? DefaultBranches : new[] { branch!.Trim() });
        }

        if (BaselineFile.IsFilePath(setting))
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory, setting));
            return File.Exists(path)
                ? BaselineResolution.Found(BaselineFile.Read(path, setting))
                : BaselineResolution.None($"the baseline file {setting} does not exist (looked for {path}); write it with dotnet build -t:WandbSaveBaseline");
        }

        if (setting == group)
        {
            return BaselineResolution.None($"the baseline group {setting} is the group being gated");
        }

        var named = projectRuns.Where(r => r.Group == setting).ToList();
        return named.Count == 0
            ? BaselineResolution.None($"the baseline group {setting} has no runs of this project in the store")
            : BaselineResolution.Found(Baseline.FromGroup(setting, named));
    }

    /// <summary>
    /// The groups <c>auto</c> may choose for the next group of the project, whatever its job types and branch: per
    /// set of job types among the project's groups, the group chosen on the default branch (main or master) and the
    /// one chosen without git. Retention keeps them, so the next build still has its baseline.
    /// </summary>
    /// <param name="projectGroups">Every named group of one project.</param>
    public static IEnumerable<string> AutomaticCandidates(IReadOnlyCollection<BaselineCandidate> projectGroups) =>
        projectGroups
            .Select(g => g.JobTypes)
            .Distinct(HashSet<string>.CreateSetComparer())
            .SelectMany(jobTypes => new[] { Choose(projectGroups, excludedGroup: null, jobTypes, DefaultBranches), Choose(projectGroups, excludedGroup: null, jobTypes, branches: null) })
            .OfType<BaselineCandidate>()
            .Select(g => g.Group)
            .Distinct(StringComparer.Ordinal);

    /// <summary>The named groups of a project's runs, each as <c>auto</c> judges it.</summary>
    public static List<BaselineCandidate> CandidatesOf(IEnumerable<StoredRun> projectRuns) =>
        projectRuns
            .Where(r => r.Group is not null)
            .GroupBy(r => r.Group!, StringComparer.Ordinal)
            .Select(g => BaselineCandidate.OfRuns(g.Key, g.ToList()))
            .ToList();

    private static BaselineResolution Automatic(string group, IReadOnlyCollection<StoredRun> projectRuns, IReadOnlyCollection<string> branches)
    {
        var current = projectRuns.Where(r => r.Group == group).ToList();
        var jobTypes = new HashSet<string>(current.Select(r => r.JobType).OfType<string>(), StringComparer.Ordinal);
        var currentBranch = current.Select(r => r.System.GitBranch).FirstOrDefault(b => b is not null);

        // Without git there is no default branch to prefer; with it, a feature branch is compared with what the
        // default branch has, not with its own previous push.
        var chosen = Choose(CandidatesOf(projectRuns), group, jobTypes, currentBranch is null ? null : branches);
        if (chosen is null)
        {
            var types = jobTypes.Count == 0 ? "any job type" : "job types " + string.Join(", ", jobTypes.OrderBy(j => j, StringComparer.Ordinal));
            var where = currentBranch is null ? string.Empty : $" on branch {string.Join(" or ", branches)}";
            return BaselineResolution.None($"no other finished group of this project with {types}{where} is in the store");
        }

        return BaselineResolution.Found(Baseline.FromGroup(chosen.Group, projectRuns.Where(r => r.Group == chosen.Group).ToList()));
    }

    /// <summary>The most recent finished group other than <paramref name="excludedGroup"/> with every job type given, on one of <paramref name="branches"/> unless null.</summary>
    private static BaselineCandidate? Choose(IEnumerable<BaselineCandidate> groups, string? excludedGroup, ISet<string> jobTypes, IReadOnlyCollection<string>? branches) =>
        groups
            .Where(g => g.Group != excludedGroup && g.AllFinished && jobTypes.IsSubsetOf(g.JobTypes))
            .Where(g => branches is null || g.Branches.Any(branches.Contains))
            .OrderByDescending(g => g.Newest)
            .ThenBy(g => g.Group, StringComparer.Ordinal)
            .FirstOrDefault();
}
