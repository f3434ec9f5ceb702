namespace Bastion.Tools;

/// <summary>
/// Whether a platform's toolset is worth serving: a provider registers one per toolset, and the catalogue leaves the
/// toolset out of <c>tools/list</c> (and refuses its calls, saying how to set it up) while the platform is not
/// configured, so a model is not handed dozens of tools that can only answer "not configured". Naming the toolset in
/// <c>--toolsets</c> serves it anyway.
/// </summary>
/// <param name="Toolset">The toolset's name, e.g. <c>cloudways</c>.</param>
/// <param name="IsConfigured">True when the caller's vault namespace holds what the platform needs (read on each check).</param>
/// <param name="Setup">What to do to configure it, in a sentence (e.g. which <c>bastion vault set</c> commands to run).</param>
/// <param name="AlwaysServed">Tools served even so: the platform's status tool, which tells a model the platform exists
/// and how to set it up.</param>
public sealed record ToolsetAvailability(string Toolset, Func<bool> IsConfigured, string Setup, params IReadOnlyList<string> AlwaysServed);
