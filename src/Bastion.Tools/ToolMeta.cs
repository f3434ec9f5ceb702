namespace Bastion.Tools;

/// <summary>Keys of a tool's <c>_meta</c> that Bastion gives a meaning; tools declare them with <c>[McpMeta(key, value)]</c>.</summary>
public static class ToolMeta
{
    /// <summary>The tool's toolset (a string); the catalogue sets it from <see cref="ToolsetAttribute"/>.</summary>
    public const string Toolset = "bastion/toolset";

    /// <summary>The scope the tool needs (a string); the catalogue sets it from <see cref="ToolsetAttribute"/>.</summary>
    public const string Scope = "bastion/scope";

    /// <summary>
    /// <c>true</c> on a tool whose purpose is to hand out secrets (e.g. an app's passwords): its answer is not redacted,
    /// and the audit log keeps its arguments only.
    /// </summary>
    public const string ReturnsSecrets = "bastion/returns-secrets";
}
