using System.Text.Json;

namespace Bastion.Cli.Tables;

/// <summary>One row's record, with the records that hold it (outermost first) and the answer's root, for <c>../</c> and <c>/</c> paths.</summary>
/// <param name="Record">The row's own value (a record, or a string for arrays of strings).</param>
/// <param name="Parents">The records that hold it, outermost first.</param>
/// <param name="Root">The whole answer.</param>
internal sealed record TableRow(JsonElement Record, IReadOnlyList<JsonElement> Parents, JsonElement Root);
