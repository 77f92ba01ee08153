using System.CommandLine;

namespace Wandb.Cli.Commands;

/// <summary>Arguments that name files or folders which must exist: checked while parsing, so a typo is a usage error naming it.</summary>
internal static class ExistingPaths
{
    public static void Require(Argument<string[]> argument, CliContext context, bool foldersOnly)
    {
        argument.Validators.Add(result =>
        {
            foreach (var path in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
            {
                var full = Path.GetFullPath(Path.Combine(context.CurrentDirectory, path));
                if (Directory.Exists(full) || (!foldersOnly && File.Exists(full)))
                {
                    continue;
                }

                result.AddError(File.Exists(full)
                    ? $"{argument.Name}: '{path}' is a file; give folder stores or folders holding them."
                    : $"{argument.Name}: '{path}' does not exist (looked for {full}).");
            }
        });
    }
}
