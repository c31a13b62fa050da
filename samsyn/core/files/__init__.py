"""Every uploaded file passes through here: documents through ``sniffing``, import files
(CSV/XLSX) through ``tabular``, both under the one size limit of ``limits``."""
