using System.Collections.Concurrent;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Wandb.TestLogger.Reporting;

/// <summary>
/// Reads a test method's parameter names from the test assembly's metadata, without loading the assembly
/// (so nothing it references, such as ML.NET, is loaded into the test platform's process). Platforms report
/// data-row values but not the names, and <c>fold</c>/<c>seed</c> make better config keys than <c>arg0</c>.
/// </summary>
internal sealed class ParameterNameReader
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> _byAssembly = new(StringComparer.Ordinal);

    /// <summary>Names of the parameters of <paramref name="fullyQualifiedName"/> with <paramref name="count"/> parameters, or null when they cannot be read unambiguously.</summary>
    public IReadOnlyList<string>? Read(string assemblyPath, string fullyQualifiedName, int count)
    {
        var methods = _byAssembly.GetOrAdd(assemblyPath, Load);
        return methods.TryGetValue(Key(fullyQualifiedName, count), out var names) ? names : null;
    }

    private static string Key(string fullyQualifiedName, int count) => fullyQualifiedName + "/" + count;

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Load(string assemblyPath)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            foreach (var typeHandle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(typeHandle);
                var typeName = FullName(reader, type);
                foreach (var methodHandle in type.GetMethods())
                {
                    var method = reader.GetMethodDefinition(methodHandle);
                    var names = reader.GetParameterNames(method);
                    if (names.Count == 0)
                    {
                        continue;
                    }

                    var key = Key(typeName + "." + reader.GetString(method.Name), names.Count);
                    if (!ambiguous.Contains(key) && !result.ContainsKey(key))
                    {
                        result[key] = names;
                    }
                    else
                    {
                        // Overloads with as many parameters: the names cannot be matched to values safely.
                        result.Remove(key);
                        ambiguous.Add(key);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            // Names are a nicety; the values are still recorded as arg0, arg1, ...
        }

        return result;
    }

    private static string FullName(MetadataReader reader, TypeDefinition type)
    {
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            // Platforms write nested test classes as Outer+Inner.
            return FullName(reader, reader.GetTypeDefinition(declaring)) + "+" + name;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
