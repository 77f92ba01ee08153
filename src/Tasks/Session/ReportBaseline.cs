namespace Wandb.Build.Tasks.Session;

/// <summary>The build's <c>WandbBaseline</c> (or <c>WANDB_BASELINE</c>) and <c>WandbBaselineBranch</c>, for the reports it refreshes when it ends.</summary>
internal sealed record ReportBaseline(string? Baseline, string? Branch);
