using Microsoft.Build.Utilities;

namespace Wandb.Build.Tasks.Diagnostics;

/// <summary>The one place that decides whether a tracking problem is a warning (default) or an error (<c>WandbStrict=true</c>).</summary>
internal static class BuildLog
{
    public static void Problem(TaskLoggingHelper log, bool strict, string code, string message)
    {
        if (strict)
        {
            log.LogError(subcategory: "wandb", errorCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);
        }
        else
        {
            log.LogWarning(subcategory: "wandb", warningCode: code, helpKeyword: null, file: null, lineNumber: 0, columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: message);
        }
    }
}
