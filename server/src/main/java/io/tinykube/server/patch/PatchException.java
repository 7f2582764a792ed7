package io.tinykube.server.patch;

/**
 * A PATCH that cannot be applied, carrying the HTTP code, the {@code metav1.Status} reason and the message
 * upstream's apiserver answers with for the same request.
 *
 * <p>Codes and reasons, as {@code staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go} produces them:
 * <ul>
 *   <li>400 {@code BadRequest}: the body does not decode (malformed JSON, wrong top-level type), a merge patch
 *       body of {@code null}, and the strategic-merge-patch format errors upstream maps to BadRequest
 *       ({@code $retainKeys}, {@code $deleteFromPrimitiveList}, {@code $setElementOrder} format).</li>
 *   <li>413 {@code RequestEntityTooLarge}: more than 10000 JSON patch operations.</li>
 *   <li>415 {@code UnsupportedMediaType}: a content type that is not a patch type.</li>
 *   <li>422 {@code Invalid}: a JSON patch that does not apply (failed {@code test}, missing path...); upstream
 *       answers with the fixed message {@value #UNPROCESSABLE_MESSAGE} and keeps the cause out of the body, so
 *       the cause is in {@link #detail()} for logs. Also lists of lists in a strategic merge patch. These
 *       Statuses carry an empty {@code details} object ({@link #hasDetails()}).</li>
 *   <li>500 with reason {@value #REASON_UNKNOWN_LITERAL} (empty, {@code metav1.StatusReasonUnknown}): any other
 *       strategic-merge-patch error (missing merge key, unknown {@code $patch} value...), which upstream returns
 *       as a plain Go error and the apiserver turns into a Status with code 500, no reason and the error text as
 *       message. Render it without a {@code reason} field to match exactly.</li>
 *   <li>500 {@code InternalError}: inputs that make upstream's code panic; {@link #isPanic()} is true and
 *       upstream answers with the plain-text body {@value #PANIC_MESSAGE}.</li>
 * </ul>
 */
public final class PatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String REASON_BAD_REQUEST = "BadRequest";
    public static final String REASON_INVALID = "Invalid";
    public static final String REASON_INTERNAL_ERROR = "InternalError";
    public static final String REASON_UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String REASON_REQUEST_ENTITY_TOO_LARGE = "RequestEntityTooLarge";
    /** {@code metav1.StatusReasonUnknown}: the Status carries no reason. */
    public static final String REASON_UNKNOWN = "";
    static final String REASON_UNKNOWN_LITERAL = "\"\"";

    /** The message of upstream's {@code NewGenericServerResponse(422, ...)}. */
    public static final String UNPROCESSABLE_MESSAGE = "the server rejected our request due to an error in our request";
    /** The body upstream's panic recovery writes. */
    public static final String PANIC_MESSAGE = "This request caused apiserver to panic. Look in the logs for details.";

    private final int code;
    private final String reason;
    private final String detail;
    private final boolean panic;
    private final boolean details;

    public PatchException(int code, String reason, String message) {
        this(code, reason, message, message, false, false);
    }

    private PatchException(int code, String reason, String message, String detail, boolean panic, boolean details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.detail = detail;
        this.panic = panic;
        this.details = details;
    }

    /** The HTTP status code. */
    public int code() {
        return code;
    }

    /** The {@code metav1.Status} reason; empty for {@code StatusReasonUnknown}. */
    public String reason() {
        return reason;
    }

    /** The underlying cause in words, for logs; equal to the message unless upstream hides the cause. */
    public String detail() {
        return detail;
    }

    /** True when upstream would have panicked (and answered 500 with a plain-text body). */
    public boolean isPanic() {
        return panic;
    }

    /**
     * Whether upstream's Status carries a {@code details} object (an empty one here: no kind, name or causes),
     * as {@code "details":{}}. kubectl prints {@code The request is invalid: <message>} for these either way.
     */
    public boolean hasDetails() {
        return details;
    }

    static PatchException badRequest(String message) {
        return new PatchException(400, REASON_BAD_REQUEST, message);
    }

    /** Upstream's {@code NewGenericServerResponse(http.StatusUnprocessableEntity, ...)}: the cause stays in the detail. */
    static PatchException unprocessable(String detail) {
        return new PatchException(422, REASON_INVALID, UNPROCESSABLE_MESSAGE, detail, false, true);
    }

    /** A plain Go error returned by the patch code: code 500, no reason, the error text as message. */
    static PatchException plain(String message) {
        return new PatchException(500, REASON_UNKNOWN, message);
    }

    /** An input on which upstream's code panics. */
    static PatchException panic(String goPanic) {
        return new PatchException(500, REASON_INTERNAL_ERROR, PANIC_MESSAGE, goPanic, true, false);
    }

    static PatchException tooLarge(String message) {
        return new PatchException(413, REASON_REQUEST_ENTITY_TOO_LARGE, "Request entity too large: " + message);
    }

    static PatchException invalid(String message) {
        return new PatchException(422, REASON_INVALID, message, message, false, true);
    }

    static PatchException unsupportedMediaType(String message) {
        return new PatchException(415, REASON_UNSUPPORTED_MEDIA_TYPE, message);
    }
}
