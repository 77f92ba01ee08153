using Wandb.Storage;

namespace Wandb.Interop.Import;

/// <summary>One transaction log read into the store's shapes: the run, one writer's state and its history lines.</summary>
/// <param name="Path">The <c>.wandb</c> file.</param>
/// <param name="Metadata">The run's identity.</param>
/// <param name="State">The writer that stands for this file: config, summary, state, exit code, row count.</param>
/// <param name="History">History rows in the store's line format.</param>
/// <param name="Skipped">Records of types the import does not use, by W&amp;B's name of the type.</param>
internal sealed record ImportedRun(string Path, RunMetadataFile Metadata, WriterStateFile State, ImportedHistory History, IReadOnlyDictionary<string, int> Skipped);
