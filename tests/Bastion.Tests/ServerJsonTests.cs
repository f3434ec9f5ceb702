using System.Text.Json;
using System.Xml.Linq;
using Bastion.Testing;
using Json.Schema;

namespace Bastion.Tests;

/// <summary>
/// <c>.mcp/server.json</c> is registry-ready: valid against the MCP registry's server.json schema shipped beside it
/// (2025-12-11, the current released version), naming our NuGet package with the <c>dnx</c> hint, declaring variables
/// Bastion reads, and the README carries the ownership line the registry checks.
/// </summary>
public sealed class ServerJsonTests
{
    private static string McpDirectory => Path.Combine(Repository.Root, "src", "Bastion", ".mcp");

    /// <summary>Built once: JsonSchema.Net registers a schema by its $id and refuses a second one of the same id.</summary>
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(McpDirectory, "server.schema.json"))));

    private static JsonElement ServerJson() => JsonDocument.Parse(File.ReadAllText(Path.Combine(McpDirectory, "server.json"))).RootElement;

    [Fact]
    public void ServerJson_IsValid_AgainstTheRegistrysSchema()
    {
        var schema = Schema.Value;
        var server = ServerJson();

        var result = schema.Evaluate(server, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

        result.IsValid.ShouldBeTrue(JsonSerializer.Serialize(result));
        server.GetProperty("$schema").GetString().ShouldBe(JsonDocument.Parse(File.ReadAllText(Path.Combine(McpDirectory, "server.schema.json"))).RootElement.GetProperty("$id").GetString());
    }

    [Fact]
    public void ServerJson_IsRefusedByTheSchema_WhenTheDescriptionIsTooLong()
    {
        var schema = Schema.Value;
        var text = File.ReadAllText(Path.Combine(McpDirectory, "server.json"));
        var description = ServerJson().GetProperty("description").GetString()!;

        var tooLong = JsonDocument.Parse(text.Replace(description, description + " And more.", StringComparison.Ordinal)).RootElement;

        schema.Evaluate(tooLong).IsValid.ShouldBeFalse("the schema must actually check the 100-character limit");
    }

    [Fact]
    public void ServerJson_NamesOurPackage_WithTheDnxHint_AndTheReadmeOwnershipLine()
    {
        var server = ServerJson();
        var package = server.GetProperty("packages").EnumerateArray().ShouldHaveSingleItem();
        var project = XDocument.Load(Path.Combine(Repository.Root, "src", "Bastion", "Bastion.csproj"));
        var packageId = project.Descendants("PackageId").Single().Value;
        var version = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props")).Descendants("Version").Single().Value;

        package.GetProperty("registryType").GetString().ShouldBe("nuget");
        package.GetProperty("identifier").GetString().ShouldBe(packageId);
        packageId.ShouldNotStartWith("Bastion.", Case.Insensitive, "Bastion.* ids on nuget.org belong to another owner");
        package.GetProperty("runtimeHint").GetString().ShouldBe("dnx");
        package.GetProperty("version").GetString().ShouldBe(version);
        server.GetProperty("version").GetString().ShouldBe(version);
        File.ReadAllText(Path.Combine(Repository.Root, "README.md")).ShouldContain($"mcp-name: {server.GetProperty("name").GetString()} ");
    }

    [Fact]
    public void ServerJson_DeclaresVariablesBastionReads()
    {
        var declared = ServerJson().GetProperty("packages")[0].GetProperty("environmentVariables").EnumerateArray().Select(v => v.GetProperty("name").GetString()!).ToList();

        declared.ShouldContain("BASTION_MODE");
        declared.ShouldContain("BASTION_TOOLSETS");
        declared.ShouldContain("CLOUDSTACK_API_KEY");
        var read = Cli.Import.SeedCredentials.Variables.Concat(["BASTION_DATA_DIR", "BASTION_VAULT_KEY", "BASTION_MODE", "BASTION_TOOLSETS"]).ToHashSet();
        declared.Where(v => !read.Contains(v)).ShouldBeEmpty();
    }
}
