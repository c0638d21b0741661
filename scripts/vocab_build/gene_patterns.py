"""HGNC symbol patterns that select the cytokine and protein vocabularies.

No HGNC gene-group column ships offline, so the selections are documented symbol
patterns (full matches against approved symbols of protein-coding genes).
"""

CYTOKINE_PATTERNS = [
    r"IL\d+[A-Z]?", r"IFNA\d+", r"IFNB1", r"IFNG", r"IFNL\d", r"IFNK", r"IFNE", r"IFNW1",
    r"TNF", r"LTA", r"LTB", r"TNFSF\d+[A-Z]?", r"FASLG", r"CD40LG", r"CD70",
    r"CSF[123]", r"CCL\d+[A-Z]?\d*", r"CXCL\d+", r"XCL\d", r"CX3CL1",
    r"TGFB[123]", r"LIF", r"OSM", r"CNTF", r"CTF1", r"CLCF1", r"TSLP", r"EBI3", r"MIF",
    r"EPO", r"THPO", r"KITLG", r"FLT3LG", r"IL1RN", r"IL36RN",
]


# Proteins: symbol patterns (HGNC approved symbols, protein-coding genes only)
PROTEIN_PATTERNS = [
    # JAK-STAT pathway: STATs, SOCS/CIS, PIAS, SH2 phosphatases
    r"STAT\d+[AB]?", r"SOCS\d", r"CISH", r"PIAS\d|PIASX?", r"PTPN(1|2|6|11|22)",
    # cytokine and chemokine receptors
    r"IL\d+R[A-Z0-9]*", r"IL\d+RAP(L\d)?", r"IL\d+RL\d", r"IL6ST", r"IFNAR\d", r"IFNGR\d",
    r"IFNLR1", r"TNFRSF\d+[A-Z]?", r"CSF\dR[AB]?", r"CCR\d+", r"CCRL\d", r"CXCR\d", r"XCR1",
    r"CX3CR1", r"ACKR\d", r"LIFR", r"OSMR", r"CNTFR", r"CRLF\d", r"EPOR", r"MPL", r"GHR", r"PRLR",
    r"LEPR", r"TSLPR|CRLF2", r"IL1RN", r"IL36RN",
    # Fc receptors and immunoglobulin constant regions
    r"FCGR\w+", r"FCER\w+", r"FCAR", r"FCMR", r"FCRL\d", r"FCGRT", r"PIGR", r"JCHAIN",
    r"IGH[GMEAD]\d?", r"IGKC", r"IGLC\d", r"HLA-[A-Z0-9]+", r"B2M", r"CIITA",
    # NF-kB / innate signalling
    r"NFKB\d", r"RELA|RELB|REL", r"NFKBI[A-Z]", r"IKBKG", r"TRAF\d", r"TRADD", r"MYD88",
    r"TICAM\d", r"TIRAP", r"IRF\d", r"TLR\d+", r"NOD\d", r"NLRP\d+", r"NLRC4", r"PYCARD",
    r"CASP\d+", r"STING1", r"CGAS", r"TNFAIP3", r"CYLD", r"MAVS", r"DDX58|RIGI", r"IFIH1",
    # transcription factors of T-helper / myeloid programmes, AP-1, SMADs, NFAT
    r"RORC", r"RORA", r"TBX21", r"GATA\d", r"FOXP3", r"FOXO\d", r"BCL6", r"PRDM1", r"BATF\d?",
    r"MAF", r"AHR", r"EOMES", r"SPI1", r"CEBP[ABDE]", r"JUN[BD]?", r"FOS[BL]?\d?", r"ATF\d",
    r"MYC", r"HIF1A", r"NFATC\d", r"SMAD\d", r"RUNX\d", r"PPARG", r"NR3C1", r"KLF\d",
    # apoptosis, proliferation, tissue damage markers
    r"BCL2", r"BCL2L\d+", r"BAX", r"BAK1", r"MCL1", r"BIRC\d", r"MKI67", r"PCNA", r"CDKN1[AB]",
    r"TP53", r"MMP\d+", r"TIMP\d", r"PTGS\d", r"NOS\d", r"HMOX1", r"ICAM\d", r"VCAM1", r"SELE",
    r"SELP", r"SELL", r"CRP", r"SAA\d", r"APCS", r"GZM[ABHKM]", r"PRF1", r"MPO", r"ELANE", r"LYZ",
    r"LCN2", r"HAVCR\d", r"S100A\d+", r"CTLA4", r"PDCD1", r"PDCD1LG2", r"LAG3", r"TIGIT", r"ICOS",
    r"ICOSLG", r"AICDA", r"MS4A1", r"PTPRC", r"ITGA[A-Z0-9]*", r"ITGB\d", r"ADGRE1", r"AIF1",
    r"GFAP", r"LY6[A-Z0-9]*", r"ARG1", r"CHIL3L1|CHI3L1", r"RETNLA|RETNLB", r"MRC1", r"CD\d+[A-Z]?\d?",
    # loading controls / housekeeping used as Western blot / qPCR references
    r"ACTB", r"GAPDH", r"TUBB", r"TUBA1A", r"VIM", r"HPRT1", r"RPLP0", r"TBP",
    # joint, skin, kidney, nervous-system readouts used in the preclinical corpus
    r"COL1A1", r"COL1A2", r"COL2A1", r"ACAN", r"CTSK", r"ACP5", r"SPP1", r"SP7", r"BGLAP",
    r"NPHS1", r"NPHS2", r"UMOD", r"ALB", r"KRT\d+", r"FLG2?", r"LOR", r"IVL", r"POSTN",
    r"CALCA", r"TRPV1", r"TRPA1", r"TAC1", r"NGF", r"BDNF", r"VEGF[ABCD]", r"EGF", r"HGF",
    r"PDGF[ABCD]", r"FGF\d+", r"IGF\d", r"INS", r"LEP", r"ADIPOQ", r"C3", r"C5", r"C5AR\d",
    r"C1Q[ABC]", r"CFB", r"CFH", r"HP", r"FN1", r"TNC", r"CHUK",
]
