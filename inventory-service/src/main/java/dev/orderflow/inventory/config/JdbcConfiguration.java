package dev.orderflow.inventory.config;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

@Configuration(proxyBeanMethods = false)
class JdbcConfiguration {

    /**
     * Spring's PostgreSQL error codes turn a lock timeout (SQL state 55P03) into {@code CannotAcquireLockException},
     * a transient failure the consumers retry until the lock is gone (ADR 2). The default translator, which goes
     * by exception class and SQL-state class only, reports it as an uncategorized error, which would be
     * dead-lettered after a few attempts. The {@code JdbcClient} Boot builds uses this template.
     */
    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        JdbcTemplate jdbcTemplate = new JdbcTemplate(dataSource);
        jdbcTemplate.setExceptionTranslator(new SQLErrorCodeSQLExceptionTranslator(dataSource));
        return jdbcTemplate;
    }
}
