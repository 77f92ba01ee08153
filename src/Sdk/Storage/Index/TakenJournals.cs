using System.Text;
using Wandb.Environment;

namespace Wandb.Storage.Index;

/// <summary>
/// The journals the index maintainer took from the writers: each is renamed first, so a writer appending later
/// starts a new one, then opened exclusively, so a writer still holding it has finished its line. Deleted only
/// once the snapshot that holds their runs is written; a maintainer that dies first leaves them to the next.
/// </summary>
internal sealed class TakenJournals
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly List<string> _files = new();

    private TakenJournals()
    {
    }

    /// <summary>The run ids the journals name; torn or invalid lines are left out (the folder of a run a writer created is found anyway).</summary>
    public HashSet<string> RunIds { get; } = new(StringComparer.Ordinal);

    public bool Any => _files.Count > 0;

    /// <summary>Takes every journal; only the holder of the index lock may.</summary>
    /// <exception cref="IOException">A journal could not be taken or read.</exception>
    public static TakenJournals Take(IndexFiles files)
    {
        var taken = new TakenJournals();
        if (!Directory.Exists(files.TouchedDirectory))
        {
            return taken;
        }

        foreach (var path in Directory.EnumerateFiles(files.TouchedDirectory).OrderBy(p => p, StringComparer.Ordinal).ToList())
        {
            var name = Path.GetFileName(path);
            string takenPath;
            if (name.EndsWith(IndexFiles.JournalSuffix, StringComparison.Ordinal))
            {
                takenPath = Path.Combine(files.TouchedDirectory, name.Substring(0, name.Length - IndexFiles.JournalSuffix.Length) + "." + RunId.Generate() + IndexFiles.TakenSuffix);
                File.Move(path, takenPath);
            }
            else if (name.EndsWith(IndexFiles.TakenSuffix, StringComparison.Ordinal))
            {
                takenPath = path;
            }
            else
            {
                continue;
            }

            taken.Read(takenPath);
            taken._files.Add(takenPath);
        }

        return taken;
    }

    /// <summary>Deletes the journals once the snapshot holds what they said.</summary>
    public void Consume()
    {
        foreach (var path in _files)
        {
            File.Delete(path);
        }
    }

    private void Read(string path)
    {
        string text;
        using (var stream = ExclusiveFile.Open(path, FileMode.Open, Patience))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        foreach (var line in text.Split('\n'))
        {
            if (RunId.TryValidate(line, out _))
            {
                RunIds.Add(line);
            }
        }
    }
}
