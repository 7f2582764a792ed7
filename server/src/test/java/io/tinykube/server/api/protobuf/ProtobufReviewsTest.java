package io.tinykube.server.api.protobuf;

import static io.tinykube.server.api.protobuf.KubeProtoBodies.body;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.gogoMeta;
import static io.tinykube.server.api.protobuf.KubeProtoBodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import org.junit.jupiter.api.Test;

/** The review and token kinds: `auth can-i`, `auth whoami`, `create token`, a TokenReview. */
class ProtobufReviewsTest {
    @Test
    void selfSubjectAccessReviewOfAuthCanICreatePods() {
        V1Authorization.SelfSubjectAccessReview review = V1Authorization.SelfSubjectAccessReview.newBuilder()
                .setMetadata(gogoMeta(""))
                .setSpec(V1Authorization.SelfSubjectAccessReviewSpec.newBuilder()
                        .setResourceAttributes(V1Authorization.ResourceAttributes.newBuilder()
                                .setNamespace("default").setVerb("create").setGroup("").setVersion("")
                                .setResource("pods").setSubresource("").setName("")))
                .setStatus(V1Authorization.SubjectAccessReviewStatus.newBuilder()
                        .setAllowed(false).setDenied(false).setReason("").setEvaluationError(""))
                .build();
        assertEquals("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                + "\"metadata\":{},\"spec\":{\"resourceAttributes\":"
                + "{\"namespace\":\"default\",\"verb\":\"create\",\"resource\":\"pods\"}},"
                + "\"status\":{\"allowed\":false}}",
                json(body("authorization.k8s.io/v1", "SelfSubjectAccessReview", review)));
    }

    @Test
    void selfSubjectAccessReviewOfANonResourceUrl() {
        V1Authorization.SelfSubjectAccessReview review = V1Authorization.SelfSubjectAccessReview.newBuilder()
                .setMetadata(gogoMeta(""))
                .setSpec(V1Authorization.SelfSubjectAccessReviewSpec.newBuilder()
                        .setNonResourceAttributes(V1Authorization.NonResourceAttributes.newBuilder()
                                .setPath("/logs").setVerb("get")))
                .build();
        assertEquals("{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                + "\"metadata\":{},\"spec\":{\"nonResourceAttributes\":{\"path\":\"/logs\",\"verb\":\"get\"}}}",
                json(body("authorization.k8s.io/v1", "SelfSubjectAccessReview", review)));
    }

    @Test
    void selfSubjectReviewOfAuthWhoami() {
        V1Authentication.SelfSubjectReview review = V1Authentication.SelfSubjectReview.newBuilder()
                .setMetadata(gogoMeta(""))
                .setStatus(V1Authentication.SelfSubjectReviewStatus.newBuilder()
                        .setUserInfo(V1Authentication.UserInfo.newBuilder().setUsername("").setUid("")))
                .build();
        assertEquals("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\","
                + "\"metadata\":{},\"status\":{\"userInfo\":{}}}",
                json(body("authentication.k8s.io/v1", "SelfSubjectReview", review)));
    }

    @Test
    void tokenRequestWithAudiencesDurationAndABoundPod() {
        V1Authentication.TokenRequest request = V1Authentication.TokenRequest.newBuilder()
                .setMetadata(gogoMeta("builder").setNamespace("ci"))
                .setSpec(V1Authentication.TokenRequestSpec.newBuilder()
                        .addAudiences("https://kubernetes.default.svc")
                        .addAudiences("vault")
                        .setExpirationSeconds(600)
                        .setBoundObjectRef(V1Authentication.BoundObjectReference.newBuilder()
                                .setKind("Pod").setApiVersion("v1").setName("runner-0").setUID("0c9a-11")))
                .setStatus(V1Authentication.TokenRequestStatus.newBuilder()
                        .setToken("").setExpirationTimestamp(Meta.Time.getDefaultInstance()))
                .build();
        assertEquals("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\","
                + "\"metadata\":{\"name\":\"builder\",\"namespace\":\"ci\"},"
                + "\"spec\":{\"audiences\":[\"https://kubernetes.default.svc\",\"vault\"],\"expirationSeconds\":600,"
                + "\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"name\":\"runner-0\",\"uid\":\"0c9a-11\"}},"
                + "\"status\":{\"token\":\"\"}}",
                json(body("authentication.k8s.io/v1", "TokenRequest", request)));
    }

    @Test
    void tokenReviewWithUserExtra() {
        V1Authentication.TokenReview review = V1Authentication.TokenReview.newBuilder()
                .setMetadata(gogoMeta(""))
                .setSpec(V1Authentication.TokenReviewSpec.newBuilder().setToken("abc").addAudiences("api"))
                .setStatus(V1Authentication.TokenReviewStatus.newBuilder()
                        .setAuthenticated(true)
                        .setUser(V1Authentication.UserInfo.newBuilder()
                                .setUsername("jane").addGroups("dev")
                                .putExtra("scopes", V1Authentication.ExtraValue.newBuilder()
                                        .addItems("read").addItems("write").build())))
                .build();
        assertEquals("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"metadata\":{},"
                + "\"spec\":{\"token\":\"abc\",\"audiences\":[\"api\"]},"
                + "\"status\":{\"authenticated\":true,\"user\":{\"username\":\"jane\",\"groups\":[\"dev\"],"
                + "\"extra\":{\"scopes\":[\"read\",\"write\"]}}}}",
                json(body("authentication.k8s.io/v1", "TokenReview", review)));
    }
}
