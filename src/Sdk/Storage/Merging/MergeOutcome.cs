using Wandb.Reports;

namespace Wandb.Storage.Merging;

/// <summary>The merge's result and the report written afterwards.</summary>
internal sealed record MergeOutcome(string Destination, MergeResult Result, ReportResult? Report);
