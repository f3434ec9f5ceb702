using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bastion.Cli;
using Bastion.Core.Configuration;
using Bastion.Mcp;
using Bastion.Ssh;
using Bastion.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Bastion.Tests.Architecture;

/// <summary>
/// The Native AOT build has no reflection-based JSON: every tool's arguments and result must have source-generated
/// metadata in a context its assembly registers with <c>AddToolJson</c>. A tool added without it fails here, in the
/// ordinary Debug run, naming the tool and the type to add, instead of failing only in the native binary.
/// </summary>
public sealed class AotCatalogueTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-aot-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public void Catalogue_ResolvesEveryArgumentAndResultType_FromSourceGeneratedContexts()
    {
        using var services = Composition.Inventory(new BastionPaths(_data), tenant: null, new SshOptions());
        var contexts = services.GetServices<ToolJson>().Select(j => j.Resolver).Distinct().ToList();
        var options = new JsonSerializerOptions(BastionJson.Options) { TypeInfoResolver = JsonTypeInfoResolver.Combine([.. contexts]) };
        var isService = services.GetRequiredService<IServiceProviderIsService>();

        var registrations = services.GetServices<ToolsetRegistration>().ToList();
        registrations.Select(r => r.Type).ShouldBe(Composition.Toolsets, ignoreOrder: true);
        var missing = new List<string>();
        foreach (var registration in registrations)
        {
            foreach (var (tool, type) in JsonTypes(registration.Type, isService))
            {
                if (options.TypeInfoResolver!.GetTypeInfo(type, options) is null)
                {
                    missing.Add($"{registration.Type.Assembly.GetName().Name}: {tool}: [JsonSerializable(typeof({CSharpName(type)}))]");
                }
            }
        }

        missing.Distinct().ShouldBeEmpty("add these to the JsonSerializerContext the toolset's assembly registers with AddToolJson");
    }

    // The types a tool's arguments are read as and its result is written as: what the SDK serialises with the tool's options.
    private static IEnumerable<(string Tool, Type Type)> JsonTypes(Type toolset, IServiceProviderIsService isService)
    {
        foreach (var method in toolset.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is not { } tool)
            {
                continue;
            }

            foreach (var parameter in method.GetParameters())
            {
                var type = parameter.ParameterType;
                if (!IsBoundBySdk(type) && !isService.IsService(type))
                {
                    yield return (tool.Name!, type);
                }
            }

            var result = method.ReturnType;
            if (result.IsGenericType && (result.GetGenericTypeDefinition() == typeof(Task<>) || result.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            {
                result = result.GetGenericArguments()[0];
            }

            if (tool.OutputSchemaType is { } schema)
            {
                yield return (tool.Name!, schema);
            }

            if (result != typeof(void) && result != typeof(Task) && result != typeof(ValueTask) && !IsBoundBySdk(result))
            {
                yield return (tool.Name!, result);
            }
        }
    }

    // Types the SDK binds itself (cancellation, progress, the request) or serialises with its own context (protocol types).
    private static bool IsBoundBySdk(Type type) =>
        type == typeof(CancellationToken) || type == typeof(IServiceProvider)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IProgress<>))
        || type.Namespace?.StartsWith("ModelContextProtocol", StringComparison.Ordinal) == true;

    private static string CSharpName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return CSharpName(inner) + "?";
        }

        if (type.IsArray)
        {
            return CSharpName(type.GetElementType()!) + "[]";
        }

        var name = (type.FullName ?? type.Name).Replace('+', '.');
        if (!type.IsGenericType)
        {
            return name;
        }

        var open = name[..name.IndexOf('`', StringComparison.Ordinal)];
        return $"{open}<{string.Join(", ", type.GetGenericArguments().Select(CSharpName))}>";
    }
}
