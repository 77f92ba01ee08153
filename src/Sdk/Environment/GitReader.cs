using System.Diagnostics;

namespace Wandb.Environment;

/// <summary>
/// Reads the commit and branch straight from the <c>.git</c> folder (no process start, so it costs
/// microseconds), and asks <c>git status</c> for dirtiness with a short timeout, because that needs the index.
/// </summary>
internal sealed class GitReader : IGitReader
{
    private static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(2);

    private GitReader()
    {
    }

    public static GitReader Instance { get; } = new();

    public string? FindRoot(string directory) => Settings.StoreLocator.FindRepositoryRoot(directory);

    public GitState? Read(string root)
    {
        try
        {
            var gitDir = ResolveGitDir(root);
            if (gitDir is null)
            {
                return null;
            }

            var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
            string? branch = null;
            string? commit;
            if (head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                var reference = head.Substring(5).Trim();
                branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference.Substring(11) : reference;
                commit = ResolveReference(gitDir, reference);
            }
            else
            {
                commit = head;
            }

            return new GitState(commit, branch, IsDirty(root));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ResolveGitDir(string root)
    {
        var git = Path.Combine(root, ".git");
        if (Directory.Exists(git))
        {
            return git;
        }

        // Worktrees and submodules keep a file "gitdir: <path>".
        var line = File.ReadAllText(git).Trim();
        if (!line.StartsWith("gitdir:", StringComparison.Ordinal))
        {
            return null;
        }

        var path = line.Substring(7).Trim();
        return Path.GetFullPath(Path.Combine(root, path));
    }

    private static string? ResolveReference(string gitDir, string reference)
    {
        foreach (var dir in CandidateDirs(gitDir))
        {
            var loose = Path.Combine(dir, reference);
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }

            var packed = Path.Combine(dir, "packed-refs");
            if (File.Exists(packed))
            {
                foreach (var line in File.ReadLines(packed))
                {
                    if (line.EndsWith(" " + reference, StringComparison.Ordinal))
                    {
                        return line.Substring(0, line.IndexOf(' '));
                    }
                }
            }
        }

        return null;
    }

    private static IEnumerable<string> CandidateDirs(string gitDir)
    {
        yield return gitDir;

        // A worktree's refs live in the main repository, named by its "commondir" file.
        var common = Path.Combine(gitDir, "commondir");
        if (File.Exists(common))
        {
            yield return Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(common).Trim()));
        }
    }

    private static bool? IsDirty(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git", "status --porcelain --untracked-files=no")
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit((int)StatusTimeout.TotalMilliseconds))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0 ? output.Result.Trim().Length > 0 : null;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
