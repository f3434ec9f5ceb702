using System.Text.Json.Serialization.Metadata;

namespace Bastion.Tools;

/// <summary>
/// The source-generated JSON metadata of one assembly's tool arguments and results (a <c>JsonSerializerContext</c>). The
/// catalogue chains every registered one ahead of the MCP SDK's own, so tools are made and called without reflection-based
/// JSON (the Native AOT build has none): a toolset whose argument or result type is in no registered context fails the
/// catalogue guard test (tests/Bastion.Tests/Architecture/AotCatalogueTests).
/// </summary>
/// <param name="Resolver">The context, e.g. <c>AlpaconToolsJson.Default</c>.</param>
public sealed record ToolJson(IJsonTypeInfoResolver Resolver);
