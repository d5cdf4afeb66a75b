# Embeds schema/NNN_name.sql into the binary so that `offimport --migrate` needs no files at
# run time. The generated source lists the migrations in version order.
function(offimport_embed_migrations output_cpp)
    file(GLOB sql_files CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/schema/[0-9][0-9][0-9]_*.sql")
    list(SORT sql_files)
    add_custom_command(
        OUTPUT "${output_cpp}"
        COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output_cpp} "-DSQL_FILES=${sql_files}"
                -P "${PROJECT_SOURCE_DIR}/cmake/WriteMigrations.cmake"
        DEPENDS ${sql_files} "${PROJECT_SOURCE_DIR}/cmake/WriteMigrations.cmake"
        COMMENT "Embedding schema migrations"
        VERBATIM)
endfunction()
