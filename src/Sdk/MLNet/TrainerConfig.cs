using System.Collections;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Wandb.MLNet;

/// <summary>
/// Hyperparameters and the pipeline as config, so runs can be grouped and compared by them. Reads public
/// API only (the public fields and properties of a trainer's <c>Options</c> object, the transformers of a
/// fitted chain), except <see cref="FromTrainer"/> with the experimental switch on.
/// </summary>
public static class TrainerConfig
{
    private const int MaxDepth = 3;

    /// <summary>
    /// The public fields and properties of a trainer's options object (for example
    /// <c>new FastTreeBinaryTrainer.Options { NumberOfTrees = 50 }</c>), plus <c>type</c> = the trainer's name.
    /// Numbers, strings, booleans, enums and arrays of them are kept; nested ML.NET option objects (LightGBM's
    /// <c>Booster</c>) become nested dictionaries; other objects are recorded by type name.
    /// </summary>
    /// <example><code>run.Config["trainer"] = TrainerConfig.FromOptions(options);</code></example>
    public static Dictionary<string, object?> FromOptions(object options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            // Options classes are nested in their trainer (FastTreeBinaryTrainer+Options): the trainer names them.
            ["type"] = FriendlyName(options.GetType().DeclaringType ?? options.GetType()),
        };
        AddMembers(result, options, 0);
        return result;
    }

    /// <summary>
    /// Describes a trainer estimator: <c>type</c> = its name. ML.NET keeps the options of a trainer created
    /// with arguments (<c>Trainers.SdcaLogisticRegression(l2Regularization: 0.1f)</c>) in non-public fields;
    /// only with <paramref name="experimentalReadNonPublicOptions"/> = true are they read (by reflection into
    /// ML.NET internals, which may change in any ML.NET release: experimental, off by default). Prefer passing
    /// the options object you built to <see cref="FromOptions"/>.
    /// </summary>
    public static Dictionary<string, object?> FromTrainer(object trainer, bool experimentalReadNonPublicOptions = false)
    {
        if (trainer is null)
        {
            throw new ArgumentNullException(nameof(trainer));
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal) { ["type"] = FriendlyName(trainer.GetType()) };
        if (experimentalReadNonPublicOptions && FindNonPublicOptions(trainer) is { } options)
        {
            AddMembers(result, options, 0);
        }

        return result;
    }

    /// <summary>
    /// Describes a fitted model: <c>pipeline</c> = the transformer types in order (a <c>TransformerChain</c> is
    /// walked through its public enumerator) and <c>model</c> = the type of the last prediction transformer's
    /// model parameters, when there is one.
    /// </summary>
    public static Dictionary<string, object?> DescribeModel(ITransformer model)
    {
        if (model is null)
        {
            throw new ArgumentNullException(nameof(model));
        }

        var steps = new List<ITransformer>();
        Flatten(model, steps, 0);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["pipeline"] = steps.Select(t => FriendlyName(t.GetType())).ToList(),
        };
        var predictor = steps.LastOrDefault(t => t is ISingleFeaturePredictionTransformer<object>);
        if (predictor is ISingleFeaturePredictionTransformer<object> prediction && prediction.Model is not null)
        {
            result["model"] = FriendlyName(prediction.Model.GetType());
        }

        return result;
    }

    private static void Flatten(ITransformer transformer, List<ITransformer> steps, int depth)
    {
        if (transformer is IEnumerable<ITransformer> chain && depth < 8)
        {
            foreach (var inner in chain)
            {
                Flatten(inner, steps, depth + 1);
            }

            return;
        }

        steps.Add(transformer);
    }

    private static object? FindNonPublicOptions(object trainer)
    {
        for (var type = trainer.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (typeof(TrainerInputBase).IsAssignableFrom(field.FieldType) && field.GetValue(trainer) is { } value)
                {
                    return value;
                }
            }
        }

        return null;
    }

    private static void AddMembers(Dictionary<string, object?> result, object options, int depth)
    {
        foreach (var member in options.GetType().GetMembers(BindingFlags.Public | BindingFlags.Instance))
        {
            object? value;
            switch (member)
            {
                case FieldInfo field:
                    value = field.GetValue(options);
                    break;
                case PropertyInfo property when property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true }:
                    value = property.GetValue(options);
                    break;
                default:
                    continue;
            }

            result[member.Name] = ToConfigValue(value, depth);
        }
    }

    private static object? ToConfigValue(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string or bool or double or float or decimal or int or long or short or byte or sbyte or uint or ulong or ushort or char:
                return value;
            case Enum e:
                return e.ToString();
            case IEnumerable sequence when IsSimpleSequence(value.GetType()):
                return sequence.Cast<object?>().Select(item => ToConfigValue(item, depth + 1)).ToList();
        }

        var type = value.GetType();
        if (depth < MaxDepth && type.Namespace?.StartsWith("Microsoft.ML", StringComparison.Ordinal) == true && !typeof(IEnumerable).IsAssignableFrom(type))
        {
            var nested = new Dictionary<string, object?>(StringComparer.Ordinal) { ["type"] = FriendlyName(type.DeclaringType ?? type) };
            AddMembers(nested, value, depth + 1);
            return nested;
        }

        return FriendlyName(type);
    }

    private static bool IsSimpleSequence(Type type)
    {
        var element = type.IsArray ? type.GetElementType() : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return element is not null && (element.IsPrimitive || element == typeof(string) || element.IsEnum || element == typeof(decimal));
    }

    /// <summary><c>BinaryPredictionTransformer&lt;LinearBinaryModelParameters&gt;</c> rather than <c>BinaryPredictionTransformer`1</c>.</summary>
    internal static string FriendlyName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`');
        if (tick >= 0)
        {
            name = name.Substring(0, tick);
        }

        if (!type.IsGenericType)
        {
            return name;
        }

        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(FriendlyName)) + ">";
    }
}
