using Microsoft.Build.Framework;
using Wandb.Build.Tasks.Config;
using Wandb.Build.Tasks.Diagnostics;
using Wandb.Build.Tasks.Environment;
using Wandb.Build.Tasks.Runs;
using Wandb.Build.Tasks.Session;
using Wandb.Diagnostics;
using Wandb.Environment;
using Wandb.Reports;
using Wandb.Runs;
using Wandb.Settings;

namespace Wandb.Build.Tasks;

/// <summary>
/// Starts the run of a tracked target (job type = the target's name) and sets <c>WANDB_RUN_ID</c> and
/// friends for the processes the target starts, so the first plain <c>Run.Init()</c> inside each of them
/// joins it. The run exists in the store when the task returns, before the target's body starts anything.
/// It stays open in the node's <see cref="BuildSession"/> until <see cref="WandbFinishRun"/> or the build's end.
/// </summary>
public sealed class WandbStartRun : Microsoft.Build.Utilities.Task
{
    /// <summary>The tracked target; becomes the run's job type.</summary>
    [Required]
    public string TargetName { get; set; } = string.Empty;

    /// <summary>The MSBuild project's name: the run's project unless <see cref="Project"/> or <c>WANDB_PROJECT</c> is set.</summary>
    [Required]
    public string ProjectName { get; set; } = string.Empty;

    /// <summary>The project's folder; the store is found from it (repository root, else here).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary><c>WandbProject</c>.</summary>
    public string? Project { get; set; }

    /// <summary><c>WandbRunGroup</c>: wins over <c>WANDB_RUN_GROUP</c>, the CI run and the generated group.</summary>
    public string? Group { get; set; }

    /// <summary><c>WandbDir</c>: the store folder; wins over <c>WANDB_DIR</c>.</summary>
    public string? Dir { get; set; }

    /// <summary><c>WandbStore</c>: a PostgreSQL connection string; wins over <c>WANDB_STORE</c>. Never logged: it may hold a password.</summary>
    public string? Store { get; set; }

    /// <summary>The id shared by every project and node of this build; the generated group is <c>build-&lt;id&gt;</c>.</summary>
    public string? BuildId { get; set; }

    /// <summary>Recorded in the config as <c>Configuration</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Recorded in the config as <c>TargetFramework</c>.</summary>
    public string? TargetFramework { get; set; }

    /// <summary><c>WandbConfigProperties</c>: names of global properties to record in the config.</summary>
    public string[] ConfigProperties { get; set; } = Array.Empty<string>();

    /// <summary><c>WandbConfig</c> items: the item name is the key, its <c>Value</c> metadata the value.</summary>
    public ITaskItem[] Config { get; set; } = Array.Empty<ITaskItem>();

    /// <summary><c>WandbStrict</c>: tracking problems become errors.</summary>
    public bool Strict { get; set; }

    /// <summary><c>WandbReports</c>: refresh the store's reports when the build ends.</summary>
    public bool WriteReports { get; set; } = true;

    /// <summary><c>WandbRetentionDays</c>: when the reports are refreshed, delete groups not active for this many days; empty (default): none.</summary>
    public string RetentionDays { get; set; } = string.Empty;

    /// <summary><c>WandbRetentionGroups</c>: when the reports are refreshed, keep this many latest groups per project; empty (default): all.</summary>
    public string RetentionGroups { get; set; } = string.Empty;

    /// <summary><c>WandbRetentionDryRun</c>: list what retention would delete instead of deleting it.</summary>
    public bool RetentionDryRun { get; set; }

    /// <summary><c>WandbMaxDetailRuns</c>: most runs the refreshed reports show in full (rows, curves); empty (default): <see cref="ReportOptions.DefaultMaxDetailRuns"/>.</summary>
    public string MaxDetailRuns { get; set; } = string.Empty;

    /// <summary><c>WandbBaseline</c>: what the build's reports compare its group with (the quality gate's baseline); default <c>WANDB_BASELINE</c>, else the best group.</summary>
    public string? Baseline { get; set; }

    /// <summary><c>WandbBaselineBranch</c>: the branch <c>auto</c> takes the baseline from; default main or master.</summary>
    public string? BaselineBranch { get; set; }

    /// <summary>The run's id, empty when no run was started.</summary>
    [Output]
    public string RunId { get; set; } = string.Empty;

    /// <summary>The run's group.</summary>
    [Output]
    public string RunGroup { get; set; } = string.Empty;

    /// <summary>The line that tells the user where the group's report is; printed once per build and group.</summary>
    [Output]
    public string ReportLine { get; set; } = string.Empty;

    internal ITaskEnvironment Environment { get; set; } = ProcessTaskEnvironment.Instance;

    internal RunContext RunContext { get; set; } = RunContext.Default;

    /// <summary>The build engine is gone when the build ends, so problems refreshing the reports go to standard error.</summary>
    internal Func<BuildSession> CreateSession { get; set; } = () => new BuildSession(new ReportRefresh(ConsoleOutput.Instance, Console.Out));

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            Start();
        }
        catch (Exception ex)
        {
            // Tracking never breaks the build: the target runs as it would without the package.
            BuildLog.Problem(Log, Strict, WarningCodes.TrackedRunNotStarted, $"Target {TargetName} runs without a wandb run: {ex.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    private void Start()
    {
        var session = BuildSession.For(BuildEngine, CreateSession)
            ?? throw new InvalidOperationException("this MSBuild cannot keep a run open between tasks (it lacks IBuildEngine4); upgrade MSBuild or set WandbEnabled=false.");
        var buildEnvironment = BuildEnvironment();
        var group = GroupResolver.Resolve(Group, buildEnvironment, () => "build-" + (NonEmpty(BuildId) ?? session.FallbackBuildId(Log, Strict)));
        var options = new RunOptions
        {
            Project = NonEmpty(Project) ?? buildEnvironment.Get(WandbVariables.Project) ?? ProjectName,
            Group = group.Name,
            JobType = TargetName,
            Dir = NonEmpty(Dir),
            Id = Wandb.RunId.Generate(),
        };
        var globals = (BuildEngine as IBuildEngine6)?.GetGlobalProperties() ?? new Dictionary<string, string>();
        foreach (var pair in BuildConfig.Collect(Configuration, TargetFramework, ConfigProperties, globals, Config, (code, message) => BuildLog.Problem(Log, Strict, code, message)))
        {
            options.Config[pair.Key] = pair.Value;
        }

        // Resolved before the store is touched, so a bad setting leaves the target untracked with a warning.
        var settings = SettingsResolver.Resolve(options, buildEnvironment, ProjectDirectory);
        if (settings.Mode == WandbMode.Disabled)
        {
            return;
        }

        var output = new TaskOutput();
        output.Attach(Log, Strict);
        try
        {
            var context = RunContext with
            {
                Environment = buildEnvironment,
                Output = output,
                CurrentDirectory = ProjectDirectory,

                // MSBuild reuses its nodes across builds, between which the repository changes.
                Git = new GitStateCache(),
            };

            // Created before the target's body runs, so every process the target starts finds the run and
            // joins it. Opened here, not by Run.Init, because the build refreshes this store's reports when it ends.
            var store = context.OpenStore(settings);
            var started = new StartedRun(Run.Init(options, context, store), store);
            var runId = started.Run.Id;
            var perTarget = RunVariables.For(runId, settings.Project, group.Name, TargetName, settings.StoreDirectory, NonEmpty(Store));
            var previous = perTarget.Select(p => new KeyValuePair<string, string?>(p.Key, Environment.Get(p.Key))).ToList();
            foreach (var pair in perTarget)
            {
                Environment.Set(pair.Key, pair.Value);
            }

            session.Add(new TrackedRun(started, TargetName, output, previous), NonEmpty(BuildId), buildEnvironment, WriteReports, Retention(), DetailBudget(), new ReportBaseline(NonEmpty(Baseline) ?? buildEnvironment.Get(WandbVariables.Baseline), NonEmpty(BaselineBranch)));
            RunId = runId;
            RunGroup = group.Name;
            ReportLine = $"wandb: runs of this build are in group {group.Name}; grouped report: {GroupPage(settings.StoreDirectory, group.Name)}";
            Log.LogMessage(MessageImportance.Normal, $"wandb: target {TargetName} is run {runId} (project {settings.Project}, group {group.Name}, job_type {TargetName}) in {settings.StoreDirectory}");
        }
        finally
        {
            output.Detach();
        }
    }

    /// <summary>The retention policy of the properties; a bad value turns retention off for this build with WANDB132, and the run stays tracked.</summary>
    private Wandb.Storage.Retention.RetentionPolicy? Retention()
    {
        try
        {
            return RetentionProperties.Parse(RetentionDays, RetentionGroups, RetentionDryRun);
        }
        catch (ArgumentException ex)
        {
            BuildLog.Problem(Log, Strict, WarningCodes.RetentionSettingInvalid, $"{ex.Message} No runs are deleted by this build.");
            return null;
        }
    }

    /// <summary>The reports' budget of runs shown in full; a bad value keeps the default with WANDB037, and the run stays tracked.</summary>
    private int? DetailBudget()
    {
        try
        {
            return WholeNumberProperty.Parse("WandbMaxDetailRuns", MaxDetailRuns);
        }
        catch (ArgumentException ex)
        {
            BuildLog.Problem(Log, Strict, WarningCodes.ReportSettingInvalid, $"{ex.Message} The reports show up to {ReportOptions.DefaultMaxDetailRuns:N0} runs in full, the default.");
            return null;
        }
    }

    /// <summary>The build's variables, without those that belong to one target's run.</summary>
    private DictionaryEnvironmentVariables BuildEnvironment()
    {
        var variables = Environment.Snapshot().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var name in RunVariables.PerTarget)
        {
            // The build's own WANDB_RUN_ID (or one left by an enclosing tracked target) must not merge this target into another run.
            variables.Remove(name);
        }

        if (NonEmpty(Store) is { } store)
        {
            variables[WandbVariables.Store] = store;
        }

        return new DictionaryEnvironmentVariables(variables);
    }

    private static string GroupPage(string storeDirectory, string group)
    {
        // Where ReportWriter.WriteAll puts index.html by default; the report itself is refreshed when the build ends.
        var directory = Path.Combine(storeDirectory, "report");
        var expected = new ReportResult { Directory = directory, HtmlPath = Path.Combine(directory, "index.html") };
        return expected.GroupPageUrl(group) ?? directory;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
