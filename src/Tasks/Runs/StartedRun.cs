using Wandb.Storage;

namespace Wandb.Build.Tasks.Runs;

/// <summary>A run that exists in its store.</summary>
internal sealed record StartedRun(Run Run, RunStore Store);
