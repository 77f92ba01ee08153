using System.Reflection.Metadata;

namespace Wandb.TestLogger.Reporting;

/// <summary>Small helpers over <see cref="MetadataReader"/>.</summary>
internal static class MetadataReaderExtensions
{
    /// <summary>The names of a method's parameters in order (sequence 0 is the return value and is skipped).</summary>
    public static IReadOnlyList<string> GetParameterNames(this MetadataReader reader, MethodDefinition method)
    {
        var names = new List<(int Sequence, string Name)>();
        foreach (var handle in method.GetParameters())
        {
            var parameter = reader.GetParameter(handle);
            if (parameter.SequenceNumber > 0)
            {
                names.Add((parameter.SequenceNumber, reader.GetString(parameter.Name)));
            }
        }

        return names.OrderBy(n => n.Sequence).Select(n => n.Name).ToList();
    }
}
