package dev.querybench.engine.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void knownSecretsAndCredentialShapesAreMasked() {
        Redactor r = new Redactor(List.of("hunter2-password"));
        assertThat(r.redact("login failed for hunter2-password")).isEqualTo("login failed for ****");
        assertThat(r.redact("Authorization: Bearer abcdefghijklmnop")).doesNotContain("abcdefghijklmnop");
        assertThat(r.redact("GET /v1/models?key=AIzaSyA1234567890abcdefghij")).doesNotContain("AIzaSyA1234567890");
        assertThat(r.redact("key sk-proj-abcdefghijkl rejected")).doesNotContain("sk-proj-abcdefghijkl");
        assertThat(r.redact("{\"api_key\": \"topsecretvalue\"}")).doesNotContain("topsecretvalue");
        assertThat(Redactor.none().redact(null)).isNull();
    }
}
