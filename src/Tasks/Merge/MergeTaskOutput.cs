using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Wandb.Diagnostics;

namespace Wandb.Build.Tasks.Merge;

/// <summary>
/// Routes the warnings of a merge into the build log with their WANDB codes. Unlike the run tasks' attachable
/// <see cref="Diagnostics.TaskOutput"/>, a merge finishes inside its task, so it logs directly.
/// </summary>
internal sealed class MergeTaskOutput : IWandbOutput
{
    private readonly TaskLoggingHelper _log;

    public MergeTaskOutput(TaskLoggingHelper log) => _log = log;

    public void Warning(string code, string message) =>
        _log.LogWarning(subcategory: null, warningCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);

    public void Info(string message) => _log.LogMessage(MessageImportance.High, "wandb: " + message);
}
