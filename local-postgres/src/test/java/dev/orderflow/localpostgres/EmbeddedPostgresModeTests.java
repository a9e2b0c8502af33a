package dev.orderflow.localpostgres;

import static dev.orderflow.localpostgres.EmbeddedPostgresMode.ALWAYS;
import static dev.orderflow.localpostgres.EmbeddedPostgresMode.AUTO;
import static dev.orderflow.localpostgres.EmbeddedPostgresMode.NEVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresModeTests {

    @Test
    void isAutoUnlessSaidOtherwise() {
        assertThat(EmbeddedPostgresMode.parse(null)).isEqualTo(AUTO);
        assertThat(EmbeddedPostgresMode.parse(" ")).isEqualTo(AUTO);
        assertThat(EmbeddedPostgresMode.parse("Always")).isEqualTo(ALWAYS);
        assertThat(EmbeddedPostgresMode.parse("never")).isEqualTo(NEVER);
    }

    @Test
    void namesTheVariableAndTheChoicesForAnUnknownValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedPostgresMode.parse("yes"))
                .withMessage("ORDERFLOW_EMBEDDED_POSTGRES=yes: use auto, always or never");
    }

    @Test
    void startsAnEmbeddedServerOnlyWhenAskedOrWhenNoneAnswers() {
        assertThat(AUTO.startsEmbedded(false)).isTrue();
        assertThat(AUTO.startsEmbedded(true)).isFalse();
        assertThat(ALWAYS.startsEmbedded(true)).isTrue();
        assertThat(NEVER.startsEmbedded(false)).isFalse();
    }
}
