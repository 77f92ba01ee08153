using Microsoft.ML;
using Wandb.Environment;
using Wandb.Settings;

namespace Wandb.MLNet;

/// <summary>
/// Logs one cross-validation fold as a finished run: <c>fold</c> and <c>seed</c> in config, every metric in the
/// summary. Use it when folds are trained in separate processes (one process per fold, or parallel jobs):
/// give every process the same <see cref="FoldRunOptions.Group"/> (or <c>WANDB_RUN_GROUP</c>) and the folds of
/// all processes land in one group exactly as <see cref="CrossValidationExtensions.LogFolds{TMetrics}"/> would put them.
/// </summary>
public static class FoldRuns
{
    /// <summary>Logs fold <paramref name="fold"/> with its <paramref name="metrics"/> and returns the finished run.</summary>
    /// <param name="fold">The fold index (ML.NET numbers folds from 0).</param>
    /// <param name="metrics">The fold's ML.NET metrics object.</param>
    /// <param name="options">Group, job type, seed and shared config; see <see cref="FoldRunOptions"/>.</param>
    /// <param name="model">The fold's fitted model, described in config when <see cref="FoldRunOptions.DescribePipeline"/> is set.</param>
    /// <exception cref="ArgumentException"><paramref name="metrics"/> is not an ML.NET metrics object, or an option is invalid.</exception>
    public static Run LogFold<TMetrics>(int fold, TMetrics metrics, FoldRunOptions? options = null, ITransformer? model = null)
        where TMetrics : class
    {
        options ??= new FoldRunOptions();
        var group = options.Group ?? GroupResolver.Resolve(null, ProcessEnvironmentVariables.Instance, NewGroupName).Name;
        return Log(fold, metrics, options, group, model);
    }

    internal static string NewGroupName() => "cv-" + RunId.Generate();

    internal static Run Log(int fold, object metrics, FoldRunOptions options, string group, ITransformer? model)
    {
        if (fold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fold), fold, "A fold index must not be negative.");
        }

        if (metrics is null)
        {
            throw new ArgumentNullException(nameof(metrics));
        }

        if (!MetricReader.IsMetricsObject(metrics))
        {
            throw new ArgumentException(
                $"metrics has type {metrics.GetType().FullName}, which is not an ML.NET metrics class (Microsoft.ML.Data.*Metrics). Pass what a catalog's Evaluate or CrossValidate returns.",
                nameof(metrics));
        }

        if (string.IsNullOrWhiteSpace(options.JobType))
        {
            throw new ArgumentException($"FoldRunOptions.JobType must not be empty (got '{options.JobType}').", nameof(options));
        }

        var runOptions = new RunOptions
        {
            // A fresh id on purpose: inside an MSBuild-wrapped target WANDB_RUN_ID names the target's run, and
            // every fold attaching to it would merge the folds into one run.
            Id = RunId.Generate(),
            Project = options.Project,
            Group = group,
            JobType = options.JobType,
            Name = (options.NamePrefix ?? (options.Seed is { } s ? $"seed-{s}-" : string.Empty)) + "fold-" + fold,
            Dir = options.Dir,
            Tags = options.Tags.ToList(),
        };
        foreach (var pair in options.Config)
        {
            runOptions.Config[pair.Key] = pair.Value;
        }

        runOptions.Config["fold"] = fold;
        if (options.Seed is { } seed)
        {
            runOptions.Config["seed"] = seed;
        }

        if (options.DescribePipeline && model is not null)
        {
            foreach (var pair in TrainerConfig.DescribeModel(model))
            {
                runOptions.Config[pair.Key] = pair.Value;
            }
        }

        var run = Run.Init(runOptions);
        try
        {
            run.SummarizeMetrics(metrics);
        }
        catch
        {
            run.Finish(RunState.Failed, 1);
            throw;
        }

        run.Finish();
        return run;
    }
}
