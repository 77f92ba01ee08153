using Wandb.Storage;

namespace Wandb.Gates;

/// <summary>
/// The grouped runs of each project and job type a report follows a trend of, found in one pass over its runs: a test
/// suite has a job type per test method, and a pass over a large store per job type would cost hundreds of passes. Keyed
/// by strings rather than tuples: the report at the end of a test run runs in a fresh process, where each generic
/// collection over a new value type is compiled before it runs.
/// </summary>
internal sealed class TrendRuns
{
    private readonly Dictionary<string, Dictionary<string, JobTypeRuns>> _byProject = new(StringComparer.Ordinal);

    /// <summary>Each project and job type added, in the order first added.</summary>
    public List<JobTypeRuns> All { get; } = new();

    /// <summary>Follows <paramref name="jobType"/> of <paramref name="project"/>, once however often it is added.</summary>
    public void Add(string project, string jobType)
    {
        if (!_byProject.TryGetValue(project, out var jobTypes))
        {
            _byProject.Add(project, jobTypes = new Dictionary<string, JobTypeRuns>(StringComparer.Ordinal));
        }

        if (!jobTypes.ContainsKey(jobType))
        {
            var runs = new JobTypeRuns(project, jobType);
            jobTypes.Add(jobType, runs);
            All.Add(runs);
        }
    }

    /// <summary>Adds each grouped run of a project and job type followed to its list, in the order given.</summary>
    public void Collect(IEnumerable<StoredRun> runs)
    {
        foreach (var run in runs)
        {
            if (run.Group is not null && run.JobType is not null && Find(run.Project, run.JobType) is { } list)
            {
                list.Runs.Add(run);
            }
        }
    }

    /// <summary>The runs of a project and job type followed, or null for one not added.</summary>
    public JobTypeRuns? Find(string project, string jobType) =>
        _byProject.TryGetValue(project, out var jobTypes) && jobTypes.TryGetValue(jobType, out var runs) ? runs : null;
}
