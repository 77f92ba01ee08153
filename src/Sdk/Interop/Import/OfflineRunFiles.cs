using Wandb.Diagnostics;
using Wandb.Interop.Protocol;

namespace Wandb.Interop.Import;

/// <summary>
/// Finds the transaction logs to import in what the user named: a <c>.wandb</c> file, a run folder
/// (<c>offline-run-*</c> or <c>run-*</c>) holding one, or a folder holding run folders (the client's
/// <c>wandb</c> folder). Links such as the client's <c>latest-run</c> are not followed, so no run is read twice.
/// </summary>
internal static class OfflineRunFiles
{
    /// <exception cref="ArgumentException">A path does not exist or is a file that is not a <c>.wandb</c> log (the message names it).</exception>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths, string baseDirectory, IWandbOutput output)
    {
        var found = new List<string>();
        foreach (var given in paths.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory, given.Trim()));
            if (File.Exists(path))
            {
                found.Add(IsLog(path) ? path : throw new ArgumentException($"'{path}' is not a W&B transaction log (a run-<id>.wandb file), nor a folder holding runs.", nameof(paths)));
                continue;
            }

            if (!Directory.Exists(path))
            {
                throw new ArgumentException($"'{path}' does not exist.", nameof(paths));
            }

            var logs = LogsIn(path);
            if (logs.Count == 0)
            {
                logs = Directory.EnumerateDirectories(path)
                    .Where(d => OfflineRunLayout.IsRunFolder(Path.GetFileName(d)) && !IsLink(d))
                    .OrderBy(d => d, StringComparer.Ordinal)
                    .SelectMany(LogsIn)
                    .ToList();
            }

            if (logs.Count == 0)
            {
                output.Warning(WarningCodes.WandbNothingToImport, $"'{path}' holds no W&B run (no run-<id>.wandb file in it or in its offline-run-*/run-* folders); nothing imported from it.");
            }

            found.AddRange(logs);
        }

        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string> LogsIn(string folder) =>
        Directory.EnumerateFiles(folder).Where(IsLog).OrderBy(f => f, StringComparer.Ordinal).ToList();

    private static bool IsLog(string path) => path.EndsWith(OfflineRunLayout.FileExtension, StringComparison.Ordinal);

    private static bool IsLink(string folder) => (File.GetAttributes(folder) & FileAttributes.ReparsePoint) != 0;
}
