namespace Bastion.Fakes.WebOps.Faults;

/// <summary>What an injected fault does instead of the view.</summary>
public enum FaultKind
{
    /// <summary>Answers with a fixed status, content type and body.</summary>
    Answer,

    /// <summary>Never answers (until the client gives up or the fake stops).</summary>
    Hang,

    /// <summary>Refuses the request as Django's CSRF middleware does (403, "CSRF token incorrect.").</summary>
    CsrfRejection,
}
