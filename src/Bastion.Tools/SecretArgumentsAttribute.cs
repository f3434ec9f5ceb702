namespace Bastion.Tools;

/// <summary>
/// Names a tool's arguments whose values are secrets the redactor cannot recognise by shape, such as a webhook URL whose
/// path is the credential. The pipeline records them in audit entries and shows them in plans as
/// <see cref="Core.Secrets.Redactor.HideValue"/> does: a URL keeps its scheme and host, anything else is hidden whole.
/// The tool itself receives the value unchanged. It does not show in <c>tools/list</c>.
/// </summary>
/// <param name="names">The arguments' names as the input schema spells them.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SecretArgumentsAttribute(params string[] names) : Attribute
{
    /// <summary>The arguments' names.</summary>
    public IReadOnlyList<string> Names { get; } = names;
}
