using System.Security.Cryptography;
using System.Text;

namespace Wandb.Interop.Import;

/// <summary>
/// The writer id that stands for one imported file: derived from the run folder's and the file's names, so
/// importing the same file again (also from a copy of the <c>wandb</c> folder elsewhere) finds its writer
/// and adds nothing, and a file that grew since adds only its new rows.
/// </summary>
internal static class ImportWriterId
{
    public const string Prefix = "wandb-import-";

    public static string For(string path)
    {
        var full = Path.GetFullPath(path);
        var name = Path.GetFileName(Path.GetDirectoryName(full)) + "/" + Path.GetFileName(full);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(name));
        var hex = new StringBuilder(Prefix, Prefix.Length + 16);
        for (var i = 0; i < 8; i++)
        {
            hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
