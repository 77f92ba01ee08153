using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Wandb.Json;
using Wandb.Polyfills;
using Wandb.Storage.Index;

namespace Wandb.Storage.Codec;

/// <summary>
/// The property names of the store's documents, matched on their UTF-8 bytes so reading a name allocates no
/// string: a run's line in the run index holds about forty of them, the same in every line. Any other name
/// (a config key, a metric) is read through <see cref="Utf8StringCache"/>. The run index's own names are among them.
/// </summary>
internal static class KnownNames
{
    private static readonly Dictionary<int, (byte[] Bytes, string Name)[]> ByShape = new[]
        {
            JsonFields.Schema, JsonFields.Id, JsonFields.Name, JsonFields.Project, JsonFields.Group, JsonFields.JobType, JsonFields.Tags,
            JsonFields.Notes, JsonFields.CreatedAt, JsonFields.State, JsonFields.ExitCode, JsonFields.FinishedAt, JsonFields.Config,
            JsonFields.Summary, JsonFields.SystemInfo, JsonFields.Host, JsonFields.Os, JsonFields.DotNet, JsonFields.Pid, JsonFields.GitCommit,
            JsonFields.GitBranch, JsonFields.GitDirty, JsonFields.CiProvider, JsonFields.CiRunId, JsonFields.Writer, JsonFields.ProcessStartedAt,
            JsonFields.StartedAt, JsonFields.UpdatedAt, JsonFields.Rows, JsonFields.LastStep, JsonFields.Last, JsonFields.DroppedRows,
            JsonFields.Run, JsonFields.Runs, IndexFields.Format, IndexFields.Version, IndexFields.Batches, IndexFields.Bytes, IndexFields.Lines,
            IndexFields.Folder, IndexFields.Live, IndexFields.Writers, IndexFields.Batch, IndexFields.Segment,
        }
        .Distinct(StringComparer.Ordinal)
        .Select(name => (Bytes: Encoding.UTF8.GetBytes(name), Name: name))
        .GroupBy(n => Shape(n.Bytes))
        .ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The name of the property the reader is on.</summary>
    [MethodImpl(MethodImplFlags.AggressiveOptimization)]
    public static string Read(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            var span = reader.ValueSpan;
            if (span.Length > 0 && ByShape.TryGetValue(Shape(span), out var candidates))
            {
                foreach (var candidate in candidates)
                {
                    if (span.SequenceEqual(candidate.Bytes))
                    {
                        return candidate.Name;
                    }
                }
            }
        }

        return Utf8StringCache.Read(ref reader);
    }

    private static int Shape(ReadOnlySpan<byte> name) => name.Length | (name[0] << 8) | (name[name.Length - 1] << 16);
}
